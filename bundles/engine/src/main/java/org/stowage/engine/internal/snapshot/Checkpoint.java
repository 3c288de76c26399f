package org.stowage.engine.internal.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.stowage.api.repository.ReplicaSwitch;
import org.stowage.engine.internal.repo.BlobId;

/**
 * The progress of a running backup from replicas, stored in the repository (blob type CHECKPOINT, domain
 * CHECKPOINT, docs/design.md §14a) so that every process using the repository can see it. Rewritten under a new
 * name as the backup goes on (the previous one deleted only after the new one is durable), deleted once the
 * snapshot is committed. A checkpoint left by a crash is never needed to read anything: it names blobs, never
 * owns them, and a reader must check that they are still indexed before trusting them.
 *
 * @param version   {@link #FORMAT}
 * @param run       random id of the backup run; one run's checkpoints replace each other
 * @param host      the host that runs it
 * @param time      when this checkpoint was written
 * @param source    the logical path the snapshot will record
 * @param roots     the replicas, in the request's order
 * @param current   the index in {@code roots} of the replica being read
 * @param filesDone files completed so far
 * @param doneBefore the relative path of the earliest file still in flight in walk order: every file the walk
 *                  met before it is done; null when none is in flight
 * @param inFlight  files being read, each with the offset up to which its chunks are stored and their ids
 * @param switches  the switches so far
 */
public record Checkpoint(int version, String run, String host, Instant time, String source, List<String> roots,
                         int current, long filesDone, String doneBefore, List<FileProgress> inFlight,
                         List<ReplicaSwitch> switches) {

    public static final int FORMAT = 1;

    public Checkpoint {
        if (version != FORMAT) {
            throw new IllegalArgumentException("checkpoint format " + version + " is not " + FORMAT);
        }
        if (run == null || time == null || source == null || roots == null || roots.isEmpty()
                || current < 0 || current >= roots.size()) {
            throw new IllegalArgumentException("checkpoint lacks its run, time, source or replicas, or names a"
                    + " replica " + current + " it does not list");
        }
        roots = List.copyOf(roots);
        inFlight = inFlight == null ? List.of() : List.copyOf(inFlight);
        switches = switches == null ? List.of() : List.copyOf(switches);
    }

    /**
     * One file in flight.
     *
     * @param path       relative to the replica's root
     * @param size       the file's size when its read began
     * @param mtimeNanos its modification time then: a reader continues only a file that still has both
     * @param offset     the end of the last chunk stored: where a reader that continues starts
     * @param content    the ids of the chunks covering {@code [0, offset)}, in order
     */
    public record FileProgress(String path, long size, long mtimeNanos, long offset, List<BlobId> content) {

        public FileProgress {
            Objects.requireNonNull(path, "path");
            content = content == null ? List.of() : List.copyOf(content);
            if (offset < 0 || offset > 0 && content.isEmpty()) {
                throw new IllegalArgumentException("checkpoint of " + path + " has offset " + offset
                        + " without the chunks before it");
            }
        }
    }
}
