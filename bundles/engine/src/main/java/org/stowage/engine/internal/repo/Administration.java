package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.util.List;

import org.stowage.api.repository.RepositoryLockInfo;

/**
 * The operator's tasks on a repository: the exclusive lock that prune and move take, the locks others hold, and the
 * keys. Nothing here reads or writes packs or the index. Thread-safe like {@link Repository}.
 */
public interface Administration {

    /**
     * Takes the repository's lock exclusively: no backup, restore or check of this process runs while it is held,
     * and a lock blob on the devices, refreshed while it is held, keeps other processes' out. Once it is held the
     * index is brought in step with the devices (design.md §6). Does not wait. The mutating methods of
     * {@link FormatInternals} and {@link PackCopies} that say so run only under it.
     *
     * @throws org.stowage.api.repository.RepositoryNotReadyException if a backup, restore, check or another
     *         exclusive operation holds the lock
     */
    Repository.Lease lockExclusive(String operation) throws IOException;

    /**
     * Refuses an operation that deletes metadata (prune, move) while a random-access device of the repository is not
     * available: the snapshots and index files it holds would come back with it.
     *
     * @throws org.stowage.api.repository.RepositoryNotReadyException naming the missing devices
     */
    void requireEveryMetadataDevice(String operation);

    /** Every lock blob on the devices, oldest first. */
    List<RepositoryLockInfo> locks() throws IOException;

    /** Deletes the stale lock blobs, or every lock blob with {@code all}; returns those deleted. */
    List<RepositoryLockInfo> unlock(boolean all) throws IOException;

    /** The repository's keys (list, add, remove); no lock needed: key files are put atomically, read only at open. */
    KeyRing keys();
}
