package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.json.Json;

/**
 * The repository lock. In process: a semaphore per repository (shared by every open instance of it), taken once by
 * each backup and wholly by prune; semaphores are not owned by threads, so a lease may be closed from any thread.
 * Across processes: an exclusive holder also writes a lock blob (host, pid, time); shared and exclusive takers
 * refuse while another fresh lock blob exists. A lock blob older than {@link #STALE} is ignored (its process is
 * presumed dead). Nothing waits: a conflict fails at once with a message naming the holder.
 */
final class RepositoryLock {

    static final Duration STALE = Duration.ofMinutes(30);
    private static final int ALL = 1 << 16;
    private static final ConcurrentMap<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private final Device device;
    private final StoredForm form;
    private final String repositoryId;
    private final Semaphore semaphore;
    private final SecureRandom random;

    RepositoryLock(Device device, StoredForm form, String repositoryId, SecureRandom random) {
        this.device = device;
        this.form = form;
        this.repositoryId = repositoryId;
        this.semaphore = IN_PROCESS.computeIfAbsent(device.descriptor().id() + "/" + repositoryId,
                k -> new Semaphore(ALL));
        this.random = random;
    }

    Repository.Lease shared(String operation) throws IOException {
        if (!semaphore.tryAcquire(1)) {
            throw locked(operation, "an exclusive operation (prune) of this process holds it");
        }
        try {
            refuseForeignLocks(operation, null);
        } catch (IOException | RuntimeException e) {
            semaphore.release(1);
            throw e;
        }
        return lease(() -> semaphore.release(1));
    }

    Repository.Lease exclusive(String operation) throws IOException {
        if (!semaphore.tryAcquire(ALL)) {
            throw locked(operation, "a backup or another exclusive operation of this process holds it");
        }
        BlobName own = BlobName.of(BlobType.LOCK, HexFormat.of().formatHex(randomBytes()));
        try {
            refuseForeignLocks(operation, null);
            LockInfo info = new LockInfo(hostName(), ProcessHandle.current().pid(), Instant.now(), operation);
            device.put(own, ByteBuffer.wrap(form.encodeToArray(Json.write(info), Domain.LOCK)));
            // two processes may both have passed the first look; whoever sees the other's lock now backs off
            refuseForeignLocks(operation, own);
        } catch (IOException | RuntimeException e) {
            try {
                device.delete(own);
            } catch (IOException deleteFailure) {
                e.addSuppressed(deleteFailure);
            }
            semaphore.release(ALL);
            throw e;
        }
        return lease(() -> {
            try {
                device.delete(own);
            } finally {
                semaphore.release(ALL);
            }
        });
    }

    private void refuseForeignLocks(String operation, BlobName own) throws IOException {
        List<BlobName> names = new ArrayList<>();
        device.list(BlobType.LOCK, info -> names.add(info.name()));
        Instant freshSince = Instant.now().minus(STALE);
        for (BlobName name : names) {
            if (name.equals(own)) {
                continue;
            }
            LockInfo info = read(name);
            if (info.time().isAfter(freshSince)) {
                throw locked(operation, "lock " + name + " is held by '" + info.operation() + "' on host "
                        + info.host() + " (pid " + info.pid() + ") since " + info.time() + "; if that process is "
                        + "gone, delete the lock blob or wait until it is stale at " + info.time().plus(STALE));
            }
        }
    }

    private LockInfo read(BlobName name) throws IOException {
        try {
            return Json.read(form.decode(device.get(name, ByteRange.ALL), Domain.LOCK), LockInfo.class);
        } catch (UndecodableException | IOException e) {
            throw new IntegrityException("lock " + name + " on device '" + device.descriptor().id()
                    + "' is unreadable (" + e.getMessage() + "); delete it if no other process uses the repository",
                    e);
        }
    }

    private RepositoryNotReadyException locked(String operation, String why) {
        return new RepositoryNotReadyException("cannot lock repository " + repositoryId.substring(0, 8)
                + " on device '" + device.descriptor().id() + "' for " + operation + ": " + why
                + "; try again when it has finished");
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // informational field only: the lock still works, the operator sees the address-less name
            return "unknown-host (" + e.getMessage() + ")";
        }
    }

    private static Repository.Lease lease(Release release) {
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                release.run();
            }
        };
    }

    @FunctionalInterface
    private interface Release {
        void run() throws IOException;
    }
}
