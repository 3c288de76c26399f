package org.stowage.api.repository;

import java.util.List;

/**
 * The repository's lock blobs. Every backup writes a shared lock and every prune an exclusive one, refreshed while
 * they run, so that processes sharing a device (several Karaf hosts, a command-line run) never prune under a
 * backup. A process that crashes leaves its lock behind; it stops blocking prune when it turns stale (30 minutes),
 * or when an operator removes it here.
 */
public interface LockService {

    /** Every lock blob, oldest first. */
    List<RepositoryLockInfo> locks();

    /**
     * Removes stale lock blobs, or with {@code all} every lock blob, including those of operations that may still
     * be running (only when the operator knows they are not: a prune could then delete what such a backup needs).
     *
     * @return the locks removed
     */
    List<RepositoryLockInfo> unlock(boolean all);
}
