package org.stowage.api.repository;

import java.util.List;

/** The snapshots a forget kept and removed (or would remove, in a dry run). */
public record ForgetResult(List<SnapshotInfo> kept, List<SnapshotInfo> removed, boolean dryRun) {

    public ForgetResult {
        kept = List.copyOf(kept);
        removed = List.copyOf(removed);
    }
}
