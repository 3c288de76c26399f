package org.stowage.engine.internal.repo;

import java.time.Instant;

/**
 * The JSON content of a lock blob (stored encrypted, {@link org.stowage.engine.internal.crypto.Domain#LOCK}).
 *
 * @param host      host of the process that holds the lock
 * @param pid       its process id
 * @param time      when the lock was taken
 * @param operation what holds it, e.g. {@code prune}
 */
public record LockInfo(String host, long pid, Instant time, String operation) {
}
