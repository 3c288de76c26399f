package org.stowage.api.repository;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A committed snapshot.
 *
 * @param id               the snapshot id (64 hex characters)
 * @param time             when the backup started
 * @param host             the host it was taken on
 * @param paths            the backed-up paths, absolute
 * @param tags             its labels
 * @param parent           the id of the parent snapshot, or null
 * @param stats            what the backup did
 * @param incompleteReason why the run was cut short, or null for a complete snapshot
 */
public record SnapshotInfo(String id, Instant time, String host, List<String> paths, Set<String> tags,
                           String parent, SnapshotStats stats, String incompleteReason) {

    public SnapshotInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        paths = List.copyOf(paths);
        tags = Set.copyOf(tags);
    }

    /** The first 8 hex characters of the id, as shown to operators. */
    public String shortId() {
        return id.substring(0, Math.min(8, id.length()));
    }

    public boolean isComplete() {
        return incompleteReason == null;
    }
}
