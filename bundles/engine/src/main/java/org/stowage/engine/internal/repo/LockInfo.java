package org.stowage.engine.internal.repo;

import java.time.Instant;

/**
 * The JSON content of a lock blob (stored encrypted, {@link org.stowage.engine.internal.crypto.Domain#LOCK}).
 * Validated when built, so also when parsed: freshness and the lock messages need {@code host}, {@code time} and
 * {@code operation}; a lock blob without them is an {@link IllegalArgumentException}, which
 * {@link org.stowage.engine.internal.json.Json#read} reports as an invalid lock.
 *
 * @param host         host of the process that holds the lock
 * @param pid          its process id, at least 0
 * @param time         when the lock was taken or last refreshed
 * @param operation    what holds it, e.g. {@code prune} or {@code backup of [/home]}
 * @param shared       true for a shared lock (backup), false for an exclusive one (prune); lock blobs written before
 *                     shared locks existed have no such field and read as exclusive, which is what they were
 * @param pidNamespace the holder's PID namespace ({@code /proc/self/ns/pid}), or null where unknown (other systems,
 *                     lock blobs of earlier versions): with {@code host}, whether {@code pid} can be looked up here
 * @param started      when the holder process started, or null where unknown: tells a reused pid from the holder
 */
public record LockInfo(String host, long pid, Instant time, String operation, boolean shared, String pidNamespace,
                       Instant started) {

    /** A lock of a process whose identity beyond host and pid is unknown. */
    LockInfo(String host, long pid, Instant time, String operation, boolean shared) {
        this(host, pid, time, operation, shared, null, null);
    }

    public LockInfo {
        if (host == null || time == null || operation == null || pid < 0) {
            throw new IllegalArgumentException("lock has host " + host + ", pid " + pid + ", time " + time
                    + ", operation " + operation + " (all required, pid >= 0)");
        }
    }

    LockInfo refreshedAt(Instant now) {
        return new LockInfo(host, pid, now, operation, shared, pidNamespace, started);
    }

    String describe() {
        return (shared ? "shared" : "exclusive") + " lock of '" + operation + "' on host " + host + " (pid " + pid
                + ") since " + time;
    }
}
