package org.stowage.engine.internal.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.stowage.api.repository.SnapshotStats;
import org.stowage.engine.internal.repo.BlobId;

/**
 * A snapshot manifest, stored as an encrypted JSON blob of type SNAPSHOT. The snapshot's id is the SHA-256 of its
 * stored bytes.
 *
 * @param time             when the backup started
 * @param host             the host it was taken on
 * @param username         the user that ran it
 * @param paths            the backed-up paths, absolute
 * @param tags             labels
 * @param parent           the parent snapshot's id, or null
 * @param tree             the root tree blob. It mirrors the absolute backed-up paths: for {@code /home/u/docs}
 *                         the root tree has a directory {@code home} holding {@code u} holding {@code docs}; the
 *                         directories above a backed-up path carry their real metadata
 * @param stats            what the backup did
 * @param incompleteReason why the run was cut short, or null
 * @param selection        what below the paths was left out (and the file that listed them); null when everything
 *                         was backed up, and in snapshots written before the field existed
 * @param replicas         the replicas a backup from replicas read, and where it switched between them
 *                         (docs/design.md §14a); null for any other backup
 */
public record Snapshot(Instant time, String host, String username, List<String> paths, Set<String> tags,
                       String parent, BlobId tree, SnapshotStats stats, String incompleteReason,
                       SnapshotSelection selection, SnapshotReplicas replicas) {

    /**
     * Validates, also when parsed: listing, retention and restore trust {@code time}, {@code tree} and
     * {@code paths}. A violation is an {@link IllegalArgumentException} naming the field, which
     * {@link org.stowage.engine.internal.json.Json#read} reports as an invalid snapshot.
     */
    public Snapshot {
        if (time == null || tree == null || paths == null) {
            throw new IllegalArgumentException("snapshot has no " + (time == null ? "time" : tree == null ? "tree"
                    : "paths"));
        }
        boolean nullPath = paths.stream().anyMatch(Objects::isNull);
        if (nullPath || tags != null && tags.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("snapshot has a null entry in its " + (nullPath ? "paths" : "tags"));
        }
        paths = List.copyOf(paths);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }

    /** A snapshot of no replicas. */
    public Snapshot(Instant time, String host, String username, List<String> paths, Set<String> tags, String parent,
                    BlobId tree, SnapshotStats stats, String incompleteReason, SnapshotSelection selection) {
        this(time, host, username, paths, tags, parent, tree, stats, incompleteReason, selection, null);
    }

    /** A snapshot of everything below its paths. */
    public Snapshot(Instant time, String host, String username, List<String> paths, Set<String> tags, String parent,
                    BlobId tree, SnapshotStats stats, String incompleteReason) {
        this(time, host, username, paths, tags, parent, tree, stats, incompleteReason, null, null);
    }
}
