package org.stowage.api.repository;

import java.util.List;

/** Lists snapshots and their content. */
public interface SnapshotService {

    /** Every snapshot, oldest first. */
    List<SnapshotInfo> snapshots();

    /**
     * The snapshot with this id, unique id prefix, or {@code latest}.
     *
     * @throws SnapshotNotFoundException if none or several match
     */
    SnapshotInfo snapshot(String idOrPrefix);

    /**
     * The entries of a snapshot below {@code path} ("/" or empty for the root).
     *
     * @param recursive false for the direct children only
     * @throws SnapshotNotFoundException if the snapshot does not exist
     * @throws StowageException          if the path does not exist in the snapshot
     */
    List<NodeInfo> list(String snapshot, String path, boolean recursive);

    /**
     * On which devices the data of a snapshot (every blob its trees reference, the trees included) lies, as the index
     * records its packs' copies. Loads every tree of the snapshot.
     *
     * @throws SnapshotNotFoundException if the snapshot does not exist
     * @since 1.4
     */
    default DataPlacement placement(String snapshot) {
        throw new UnsupportedOperationException("this SnapshotService does not know where data lies");
    }
}
