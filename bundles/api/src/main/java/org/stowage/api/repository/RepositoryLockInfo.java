package org.stowage.api.repository;

import java.time.Instant;

/**
 * One lock blob of the repository: a backup (shared) or a prune (exclusive) of some process, running now, or
 * left behind by one that crashed.
 *
 * @param id        the lock blob's name, as {@link LockService#unlock} and error messages show it
 * @param shared    true for a backup's lock, false for prune's
 * @param operation what took it, e.g. {@code backup of [/home]}
 * @param host      host of the process that wrote it
 * @param pid       its process id
 * @param time      when it was written (a running operation writes it again every few minutes)
 * @param stale     true when it is older than the stale age: no running operation holds it, and nothing waits for
 *                  it any more
 */
public record RepositoryLockInfo(String id, boolean shared, String operation, String host, long pid, Instant time,
                                 boolean stale) {
}
