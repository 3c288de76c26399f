package org.stowage.api.repository;

/** Restores snapshots to a directory. */
public interface RestoreService {

    /**
     * Restores the request's snapshot (or the included parts of it) below the target directory. Every blob is
     * verified before a byte of it is written; each file is written to a temporary name and renamed into place
     * only when complete; mode, modification time and symbolic links are restored. Entries whose path would
     * escape the target are refused. Files that cannot be restored are listed in {@link RestoreResult#failures()}
     * while the rest is restored.
     *
     * @throws SnapshotNotFoundException if the snapshot does not exist
     */
    RestoreResult restore(RestoreRequest request, ProgressListener listener);
}
