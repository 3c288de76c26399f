package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a lock, and whether the holder of a lock blob is a process that has ended. A lock blob names its host and
 * pid, which alone say nothing reliable: a process in another container or PID namespace may report the same host
 * name and pid. So a holder counts as ended only when the blob also names this process's PID namespace and its pid
 * is not running here, or runs a process that started at another time (the pid was reused). Where the namespace or
 * start time is unknown, only a lock blob's age tells (see {@link RepositoryLock}).
 *
 * <p>Immutable and thread-safe.
 */
final class HolderProcess {

    /** Start times read twice may differ by the rounding of the kernel's boot time. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);
    private static final Path PID_NAMESPACE = Path.of("/proc/self/ns/pid");

    private final String host;
    private final long pid;
    private final String pidNamespace;
    private final Instant started;

    private HolderProcess(String host, long pid, String pidNamespace, Instant started) {
        this.host = host;
        this.pid = pid;
        this.pidNamespace = pidNamespace;
        this.started = started;
    }

    /** This process. */
    static HolderProcess current() {
        ProcessHandle self = ProcessHandle.current();
        return new HolderProcess(hostName(), self.pid(), pidNamespace(), self.info().startInstant().orElse(null));
    }

    /** The lock blob content for this process holding a lock for {@code operation}. */
    LockInfo lockInfo(Instant time, String operation, boolean shared) {
        return new LockInfo(host, pid, time, operation, shared, pidNamespace, started);
    }

    /** Whether {@code lock} was written by a process of this host's PID namespace that no longer runs. */
    boolean hasEnded(LockInfo lock) {
        if (pidNamespace == null || !host.equals(lock.host()) || !pidNamespace.equals(lock.pidNamespace())) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(lock.pid());
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return lock.started() != null && start.isPresent()
                && Duration.between(lock.started(), start.get()).abs().compareTo(START_TOLERANCE) > 0;
    }

    private static String pidNamespace() {
        try {
            return Files.readSymbolicLink(PID_NAMESPACE).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or /proc not mounted: lock blobs of this process are then judged by age alone
            return null;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // informational field only: the lock still works, the operator sees the address-less name
            return "unknown-host (" + e.getMessage() + ")";
        }
    }
}
