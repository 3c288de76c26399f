package org.stowage.api.repository;

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
}
