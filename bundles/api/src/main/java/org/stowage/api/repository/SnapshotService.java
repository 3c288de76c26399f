package org.stowage.api.repository;

import java.io.OutputStream;
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

    /**
     * What differs from snapshot {@code from} to snapshot {@code to}: entries added, removed, modified (content or
     * type) and changed in metadata only. Directories whose subtree ids are equal are skipped unread.
     *
     * @throws SnapshotNotFoundException if either snapshot does not exist
     * @since 1.6
     */
    default SnapshotDiff diff(String from, String to) {
        throw new UnsupportedOperationException("this SnapshotService cannot compare snapshots");
    }

    /**
     * Every entry of the given snapshots (all when the list is empty) that {@code pattern} matches, in the pattern
     * syntax of a backup's selection (docs/selection.md: {@code *.log}, {@code /home/*}{@code /.cache},
     * {@code **}{@code /x}); snapshots oldest first, entries in path order.
     *
     * @throws IllegalArgumentException  if the pattern is not valid, saying why
     * @throws SnapshotNotFoundException if a snapshot does not exist
     * @since 1.6
     */
    default List<FoundEntry> find(String pattern, List<String> snapshots) {
        throw new UnsupportedOperationException("this SnapshotService cannot search snapshots");
    }

    /**
     * Writes the entry at {@code path} of the snapshot to {@code out}: a file's bytes, verified blob by blob; a
     * directory as a POSIX tar stream of everything below it (names relative to the directory's parent). Does not
     * close {@code out}.
     *
     * @return the entry that was written
     * @throws SnapshotNotFoundException if the snapshot does not exist
     * @throws StowageException          if the path is not in the snapshot, is neither file nor directory, or a blob
     *                                   cannot be read or fails verification (what was written so far is then wrong
     *                                   or short: discard it)
     * @since 1.6
     */
    default NodeInfo dump(String snapshot, String path, OutputStream out) {
        throw new UnsupportedOperationException("this SnapshotService cannot dump files");
    }

    /**
     * Opens the file at {@code path} of the snapshot for reading at any position: a read-only channel over its
     * content that loads one blob at a time and verifies it before any byte of it is returned (memory: a few chunks).
     * Reads go to the repository that is open when they happen; a blob that cannot be read or fails verification
     * fails that read with an {@link java.io.IOException} naming it. Positional reads are thread-safe
     * ({@link SnapshotFile#read(java.nio.ByteBuffer, long)}); close it when done.
     *
     * @throws SnapshotNotFoundException if the snapshot does not exist
     * @throws StowageException          if the path is not a file of the snapshot, or had no readable content at
     *                                   backup time
     * @since 1.7
     */
    default SnapshotFile open(String snapshot, String path) {
        throw new UnsupportedOperationException("this SnapshotService cannot open files");
    }

    /**
     * Sizes of the given snapshots (all when the list is empty): what a restore of each would write, and the
     * distinct blobs they reference.
     *
     * @throws SnapshotNotFoundException if a snapshot does not exist
     * @since 1.6
     */
    default RepositoryStats stats(List<String> snapshots) {
        throw new UnsupportedOperationException("this SnapshotService cannot count sizes");
    }

    /**
     * Changes the tags of the given snapshots. A snapshot's id is the hash of its manifest, so each changed snapshot
     * gets a new id: its new manifest is written (durably) before the old one is deleted; a snapshot whose tags
     * would not change keeps its id. Takes the repository's shared lock, as a backup does.
     *
     * @return the snapshots as they are now, in the order given
     * @throws SnapshotNotFoundException if a snapshot does not exist (nothing is changed then)
     * @since 1.6
     */
    default List<SnapshotInfo> tag(List<String> snapshots, TagChange change) {
        throw new UnsupportedOperationException("this SnapshotService cannot change tags");
    }
}
