package org.stowage.api.repository;

import java.util.List;
import java.util.Objects;

/**
 * What differs between two snapshots, entry by entry, in path order. An entry present in both with the same content
 * and metadata is not listed; a directory whose subtree is identical in both is not entered.
 *
 * @param from    the id of the older side (the first argument)
 * @param to      the id of the newer side (the second argument)
 * @param changes one line per added, removed, modified or metadata-changed entry
 * @since 1.6
 */
public record SnapshotDiff(String from, String to, List<Change> changes) {

    public SnapshotDiff {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        changes = List.copyOf(changes);
    }

    /** How many changes are of {@code kind}. */
    public long count(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    public enum Kind {
        /** Only in {@code to}. */
        ADDED,
        /** Only in {@code from}. */
        REMOVED,
        /** In both, with other content (file data, link target) or of another type. */
        MODIFIED,
        /** In both, same content, other mode, owner, times or extended attributes. */
        METADATA
    }

    /**
     * One changed entry.
     *
     * @param path   absolute path inside the snapshots, '/'-separated
     * @param kind   what changed
     * @param type   the entry's type in {@code to} (in {@code from} for a removed entry)
     * @param before its size in {@code from} (0 when added)
     * @param after  its size in {@code to} (0 when removed)
     */
    public record Change(String path, Kind kind, NodeInfo.Type type, long before, long after) {
    }
}
