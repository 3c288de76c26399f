package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.repository.RepositoryLockInfo;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.json.Json;

/**
 * The repository lock, shared (backups, restores and checks, any number at a time) or exclusive (prune).
 *
 * <p>In process: a semaphore per repository (shared by every open instance of it), one permit per shared holder, all
 * of them for an exclusive one; semaphores are not owned by threads, so a lease may be closed from any thread.
 *
 * <p>Across processes: every holder writes a lock blob (host, pid, time, operation, shared) and keeps it fresh
 * ({@link HeldLock}). A shared taker refuses while another fresh exclusive lock blob exists, an exclusive taker
 * while any other fresh lock blob exists. Both look, write their own blob, then look again: of two processes that
 * passed the first look at the same time, at least one sees the other's blob on the second and backs off, so a
 * prune never runs beside a backup of another process. A lock blob is stale, and ignored, when it is older than
 * {@code stale} (a live holder refreshes it well before) or when its holder is a process of this host that has ended
 * ({@link HolderProcess}); a lock blob that does not decode was written by no holder and is ignored too. Nothing
 * waits: a conflict fails at once with a message naming the holder.
 *
 * <p>Operations that only read ({@link #reading}) take the shared lock too, so that a prune never deletes packs under
 * a restore or check. Where the device refuses their lock blob (a read-only medium), they go on with the in-process
 * permit alone, once the first look found no exclusive lock: they change nothing, and should a prune of another
 * process remove a pack meanwhile, reading it fails with a message naming the pack.
 */
final class RepositoryLock {

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryLock.class);

    static final Duration STALE = Duration.ofMinutes(30);
    static final Duration REFRESH = Duration.ofMinutes(5);
    private static final int ALL = 1 << 16;
    private static final ConcurrentMap<String, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
    private static final HolderProcess SELF = HolderProcess.current();

    private final Device device;
    private final StoredForm form;
    private final String repositoryId;
    private final Semaphore semaphore;
    private final SecureRandom random;
    private final Duration refresh;
    private final Duration stale;

    RepositoryLock(Device device, StoredForm form, String repositoryId, SecureRandom random) {
        this(device, form, repositoryId, random, REFRESH, STALE);
    }

    /** With other timings, for tests; {@code refresh} must be well below {@code stale}. */
    RepositoryLock(Device device, StoredForm form, String repositoryId, SecureRandom random, Duration refresh,
                   Duration stale) {
        this.device = device;
        this.form = form;
        this.repositoryId = repositoryId;
        this.semaphore = IN_PROCESS.computeIfAbsent(device.descriptor().id() + "/" + repositoryId,
                k -> new Semaphore(ALL));
        this.random = random;
        this.refresh = refresh;
        this.stale = stale;
    }

    Repository.Lease shared(String operation) throws IOException {
        takeShared(operation);
        return acquire(operation, true, 1, false);
    }

    /** The shared lock for an operation that changes nothing; see the class comment for a read-only device. */
    Repository.Lease reading(String operation) throws IOException {
        takeShared(operation);
        return acquire(operation, true, 1, true);
    }

    Repository.Lease exclusive(String operation) throws IOException {
        if (!semaphore.tryAcquire(ALL)) {
            throw locked(operation, "a backup, restore, check or another exclusive operation of this process"
                    + " holds it");
        }
        return acquire(operation, false, ALL, false);
    }

    private void takeShared(String operation) {
        if (!semaphore.tryAcquire(1)) {
            throw locked(operation, "an exclusive operation (prune) of this process holds it");
        }
    }

    /**
     * With {@code permits} of the semaphore taken: writes this holder's lock blob between two looks at the others.
     *
     * @param withoutBlob whether a lock blob the device refuses still gives a lease (in-process only)
     */
    private Repository.Lease acquire(String operation, boolean shared, int permits, boolean withoutBlob)
            throws IOException {
        LockInfo info = SELF.lockInfo(Instant.now(), operation, shared);
        BlobName own = null;
        try {
            refuseConflicts(info, null);
            try {
                own = write(info);
            } catch (IOException refused) {
                if (!withoutBlob) {
                    throw refused;
                }
                LOG.warn("cannot write a lock blob for {} on {} ({}); going on without one, as nothing is changed:"
                        + " a prune started meanwhile by another process would make reading its packs fail",
                        operation, describe(), refused.toString());
                return new InProcessLease(info, () -> semaphore.release(permits));
            }
            refuseConflicts(info, own);
            return new HeldLock(this, own, info, refresh, stale.minus(refresh), () -> semaphore.release(permits));
        } catch (IOException | RuntimeException e) {
            if (own != null) {
                try {
                    device.delete(own);
                } catch (IOException deleteFailure) {
                    e.addSuppressed(deleteFailure);
                }
            }
            semaphore.release(permits);
            throw e;
        }
    }

    /** Stores {@code info} under a new random name and returns the name. */
    BlobName write(LockInfo info) throws IOException {
        BlobName name = BlobName.of(BlobType.LOCK, HexFormat.of().formatHex(randomBytes()));
        device.put(name, ByteBuffer.wrap(form.encodeToArray(Json.write(info), Domain.LOCK)));
        return name;
    }

    void delete(BlobName name) throws IOException {
        device.delete(name);
    }

    String describe() {
        return "repository " + repositoryId.substring(0, 8) + " on device '" + device.descriptor().id() + "'";
    }

    /** Every lock blob on the device, oldest first; one that does not decode is listed as stale. */
    List<RepositoryLockInfo> list() throws IOException {
        List<RepositoryLockInfo> locks = new ArrayList<>();
        for (LockBlob blob : read()) {
            locks.add(blob.info() == null
                    ? new RepositoryLockInfo(blob.name().id(), false, "unreadable lock blob (" + blob.problem() + ")",
                            "", -1, Instant.EPOCH, true)
                    : new RepositoryLockInfo(blob.name().id(), blob.info().shared(), blob.info().operation(),
                            blob.info().host(), blob.info().pid(), blob.info().time(), isStale(blob.info())));
        }
        locks.sort(Comparator.comparing(RepositoryLockInfo::time).thenComparing(RepositoryLockInfo::id));
        return locks;
    }

    /**
     * Deletes the stale lock blobs, or all of them; returns those deleted. A lock this process holds and that is
     * deleted here is written again at its next refresh.
     */
    List<RepositoryLockInfo> remove(boolean all) throws IOException {
        List<RepositoryLockInfo> removed = new ArrayList<>();
        for (RepositoryLockInfo lock : list()) {
            if (all || lock.stale()) {
                device.delete(BlobName.of(BlobType.LOCK, lock.id()));
                removed.add(lock);
            }
        }
        return removed;
    }

    /**
     * Deletes the lock blobs that processes of this host left when they ended (killed, crashed, the host restarted),
     * so that a restarted Stowage does not block prunes with its own dead locks until they are stale. Returns them.
     */
    List<RepositoryLockInfo> removeEnded() throws IOException {
        List<RepositoryLockInfo> removed = new ArrayList<>();
        for (LockBlob blob : read()) {
            if (blob.info() != null && SELF.hasEnded(blob.info())) {
                device.delete(blob.name());
                LockInfo info = blob.info();
                removed.add(new RepositoryLockInfo(blob.name().id(), info.shared(), info.operation(), info.host(),
                        info.pid(), info.time(), true));
            }
        }
        return removed;
    }

    private void refuseConflicts(LockInfo taker, BlobName own) throws IOException {
        for (LockBlob lock : read()) {
            BlobName name = lock.name();
            LockInfo other = lock.info();
            if (other == null) {
                LOG.warn("ignoring lock blob {} on {}: it does not decode ({}), so no holder of this repository wrote"
                        + " it; stowage:unlock removes it", name, describe(), lock.problem());
                continue;
            }
            if (!name.equals(own) && (!taker.shared() || !other.shared()) && !isStale(other)) {
                throw locked(taker.operation(), "lock " + name + ": " + other.describe() + "; if that process"
                        + " is gone, run stowage:unlock --all, or wait until the lock is stale at "
                        + other.time().plus(stale));
            }
        }
    }

    /**
     * Stale: older than the stale age (no holder refreshed it for that long), or written by a process of this host
     * that has ended ({@link HolderProcess#hasEnded}, which never judges processes it cannot see). Taking a live
     * backup's lock for stale would let a prune delete its data, so the pid alone never decides.
     */
    private boolean isStale(LockInfo info) {
        return info.time().isBefore(Instant.now().minus(stale)) || SELF.hasEnded(info);
    }

    /**
     * Every lock blob still there when read: a holder's refresh or release may delete one between the listing and
     * the read, and that one is simply gone. A blob that does not decode is returned with its problem instead: it
     * was not written by a holder of this repository's key (a holder rewrites its blob every few minutes anyway).
     */
    private List<LockBlob> read() throws IOException {
        List<BlobName> names = new ArrayList<>();
        device.list(BlobType.LOCK, blob -> names.add(blob.name()));
        List<LockBlob> locks = new ArrayList<>();
        for (BlobName name : names) {
            ByteBuffer stored;
            try {
                stored = device.get(name, ByteRange.ALL);
            } catch (BlobNotFoundException gone) {
                continue; // superseded or released since the listing
            }
            try {
                locks.add(new LockBlob(name, Json.read(form.decode(stored, Domain.LOCK), LockInfo.class), null));
            } catch (UndecodableException | IOException e) {
                locks.add(new LockBlob(name, null, e.getMessage()));
            }
        }
        return locks;
    }

    /** A lock blob and its content, or why it has none. */
    private record LockBlob(BlobName name, LockInfo info, String problem) {
    }

    private RepositoryNotReadyException locked(String operation, String why) {
        return new RepositoryNotReadyException("cannot lock " + describe() + " for " + operation + ": " + why
                + "; try again when it has finished");
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
