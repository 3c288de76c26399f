package org.stowage.engine.internal.snapshot;

import java.util.List;
import java.util.Objects;

import org.stowage.api.repository.ReplicaSwitch;

/**
 * What a backup from replicas read (docs/design.md §14a): the replicas in the order the request named them (tree
 * nodes' {@link org.stowage.engine.internal.tree.Served} ranges index this list) and every switch between them.
 *
 * @param version  the format of this record, {@link #FORMAT}; a newer one is still read (it is provenance, restore
 *                 does not use it), its unknown fields skipped
 * @param roots    the replicas' paths, as the request named them
 * @param switches every switch, in the order they happened
 * @param reread   bytes read from a replica that then failed, beyond the last chunk handed in, and so read again
 *                 from the next: at most one chunk max per file in flight per switch
 * @param continued bytes not read at all: an earlier, unfinished run's checkpoint had them stored
 */
public record SnapshotReplicas(int version, List<String> roots, List<ReplicaSwitch> switches, long reread,
                               long continued) {

    public static final int FORMAT = 1;

    public SnapshotReplicas {
        if (roots == null || roots.isEmpty() || roots.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("snapshot names no replicas or a null one");
        }
        roots = List.copyOf(roots);
        switches = switches == null ? List.of() : List.copyOf(switches);
    }
}
