package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.engine.internal.memory.ThreadResources;
import org.stowage.engine.internal.memory.WorkerThreads;

/**
 * A repository lock this process holds. Its lock blob is written again every {@code refresh} under a new name (a
 * device may refuse to overwrite: tape appends, S3 puts are write-once) and the previous one is deleted, so other
 * processes see it fresh for as long as the operation runs. If refreshing fails (or this process was paused) for so
 * long that other processes may take the lock for stale, the lease has lapsed for good: {@link #ensureHeld} throws
 * from then on, and no later refresh revives it, because another process may have taken the lock and pruned
 * meanwhile. The operation must then not commit or delete anything that relies on the lock.
 *
 * <p>Thread-safe; {@link #close} is idempotent and may be called from any thread. Refreshes run on one shared
 * daemon thread, which ends a minute after the last lock of the process is released.
 */
final class HeldLock implements Repository.Lease {

    private static final Logger LOG = LoggerFactory.getLogger(HeldLock.class);
    private static final ScheduledThreadPoolExecutor REFRESHER = refresher();

    private final RepositoryLock lock;
    private final LockInfo info;
    private final Duration validFor;
    private final Runnable release;
    private final ScheduledFuture<?> refreshing;
    private BlobName name;
    private Instant written;
    private Exception refreshFailure;
    private boolean lapsed;
    private boolean closed;

    /**
     * @param validFor how long after its last write the lock blob still counts as held here: the stale age other
     *                 processes apply, minus a margin for finishing the step that checked it
     * @param release  gives the in-process permits back, once
     */
    HeldLock(RepositoryLock lock, BlobName name, LockInfo info, Duration refresh, Duration validFor,
             Runnable release) {
        this.lock = lock;
        this.name = name;
        this.info = info;
        this.written = info.time();
        this.validFor = validFor;
        this.release = release;
        this.refreshing = REFRESHER.scheduleWithFixedDelay(this::refreshAndRelease, refresh.toNanos(),
                refresh.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void ensureHeld() throws RepositoryNotReadyException {
        if (closed) {
            throw new IllegalStateException("the " + info.describe() + " was already released");
        }
        if (lapsed || Instant.now().isAfter(written.plus(validFor))) {
            lapsed = true;
            throw new RepositoryNotReadyException("the " + info.describe() + " on " + lock.describe()
                    + " was last written at " + written + " and not refreshed in time ("
                    + (refreshFailure == null ? "this process was held up" : refreshFailure) + "); other processes"
                    + " may have taken it for stale, so '" + info.operation() + "' stops before changing anything"
                    + " more. Check the device, then run it again");
        }
    }

    @Override
    public void close() throws IOException {
        BlobName last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = name;
        }
        refreshing.cancel(false);
        try {
            lock.delete(last);
        } finally {
            release.run();
        }
    }

    /** A refresh is a small operation of its own: the shared refresher thread keeps no scratch between two. */
    private void refreshAndRelease() {
        try {
            refresh();
        } finally {
            ThreadResources.releaseCurrentThread();
        }
    }

    private synchronized void refresh() {
        if (closed || lapsed) {
            return;
        }
        Instant now = Instant.now();
        if (now.isAfter(written.plus(validFor))) {
            lapsed = true;
            LOG.error("the {} on {} lapsed: last written at {} ({}); other processes may have taken it for stale, "
                    + "so it is not renewed and '{}' stops before changing anything more", info.describe(),
                    lock.describe(), written, refreshFailure == null ? "this process was held up" : refreshFailure,
                    info.operation());
            return;
        }
        BlobName previous = name;
        try {
            name = lock.write(info.refreshedAt(now));
            written = now;
            refreshFailure = null;
        } catch (IOException | RuntimeException e) {
            refreshFailure = e;
            LOG.warn("cannot refresh the {} on {} ({}); it counts as held until {}", info.describe(),
                    lock.describe(), e.toString(), written.plus(validFor));
            return;
        }
        try {
            lock.delete(previous);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot delete the superseded lock blob {} on {} ({}); it blocks a prune until it is stale",
                    previous, lock.describe(), e.toString());
        }
    }

    private static ScheduledThreadPoolExecutor refresher() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                WorkerThreads.named("stowage-lock-refresher-"));
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(1, TimeUnit.MINUTES);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
