package org.stowage.api.repository;

import java.io.InputStream;
import java.util.function.Consumer;

/** Backs up files into the repository. */
public interface BackupService {

    /**
     * Backs up the request's paths into a new snapshot and returns it once it is committed (packs, then index,
     * then snapshot manifest are durable). Unreadable files are skipped, reported to
     * {@link ProgressListener#warning} and counted in {@link SnapshotStats#errors()}. If the run is cut short after
     * data was saved, a snapshot marked {@link SnapshotInfo#incompleteReason() incomplete} is committed so that the
     * next run reuses that data.
     *
     * @throws StowageException if a path does not exist, the repository is not ready, or a device fails
     */
    SnapshotInfo backup(BackupRequest request, ProgressListener listener);

    /**
     * Walks the request's paths with its selection as {@link #backup} would, and hands each entry that would be backed
     * up to {@code entries} (in walk order, from the calling thread), without reading file contents or touching the
     * repository. Unreadable entries are reported to {@link ProgressListener#warning} and counted.
     *
     * @throws StowageException if a path does not exist or a file the selection names cannot be read
     * @since 1.5
     */
    default DryRunResult dryRun(BackupRequest request, Consumer<NodeInfo> entries, ProgressListener listener) {
        throw new UnsupportedOperationException("this BackupService cannot do a dry run");
    }

    /**
     * Backs up the bytes of {@code content}, read to its end (not closed), as the one file {@code /<name>} of a new
     * snapshot, and returns the snapshot once it is committed. The content is chunked and deduplicated like a file's,
     * so a stream that repeats an earlier one stores little. A read error of the stream fails the backup (it is not
     * skipped like an unreadable file): what was saved before it is kept in an incomplete snapshot.
     *
     * @throws StowageException if the stream cannot be read, the repository is not ready, or a device fails
     * @since 1.7
     */
    default SnapshotInfo backup(StreamBackupRequest request, InputStream content, ProgressListener listener) {
        throw new UnsupportedOperationException("this BackupService cannot back up a stream");
    }
}
