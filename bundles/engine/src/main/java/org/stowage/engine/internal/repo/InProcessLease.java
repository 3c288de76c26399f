package org.stowage.engine.internal.repo;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A shared lock held in this process only, because the device refused the lock blob ({@link RepositoryLock#reading}).
 * Nothing to refresh; {@link #close} gives the in-process permit back once. Thread-safe.
 */
final class InProcessLease implements Repository.Lease {

    private final LockInfo info;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    InProcessLease(LockInfo info, Runnable release) {
        this.info = info;
        this.release = release;
    }

    @Override
    public void ensureHeld() {
        if (closed.get()) {
            throw new IllegalStateException("the " + info.describe() + " was already released");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
