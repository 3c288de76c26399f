package org.stowage.staging.internal.store;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Back pressure: a stage reserves the bytes it will add before writing them, waiting while used + reserved + its
 * need exceeds the capacity. A stage always goes ahead when nothing else is used or reserved, so an object up to
 * the capacity (plus its block headers) never waits forever.
 *
 * <p>Thread safety: thread-safe; its lock is a leaf (held for no other lock), so the store may call
 * {@link #usedChanged} while holding its own lock.
 */
final class CapacityGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomFreed = lock.newCondition();
    private long capacity;
    private long used;
    private long reserved;

    CapacityGate(long capacity, long used) {
        this.capacity = capacity;
        this.used = used;
    }

    /** Why a reservation gave up, for the caller's message. */
    record Refusal(long capacity, long used, long reserved) {
    }

    /**
     * Reserves {@code need} bytes, waiting up to {@code maxWait}.
     *
     * @return empty when reserved, else the state that kept it out
     * @throws InterruptedIOException if the thread was interrupted while waiting (its interrupt flag is set again)
     */
    Optional<Refusal> reserve(long need, Duration maxWait) throws InterruptedIOException {
        long nanos = maxWait.toNanos();
        lock.lock();
        try {
            while (used + reserved > 0 && used + reserved + need > capacity) {
                if (nanos <= 0) {
                    return Optional.of(new Refusal(capacity, used, reserved));
                }
                nanos = roomFreed.awaitNanos(nanos);
            }
            reserved += need;
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException(
                    "interrupted while waiting for " + need + " bytes of staging space");
            interrupted.initCause(e);
            throw interrupted;
        } finally {
            lock.unlock();
        }
    }

    /** Returns a reservation (the stage committed, its bytes now count in {@code used}, or it failed). */
    void unreserve(long bytes) {
        lock.lock();
        try {
            reserved -= bytes;
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void usedChanged(long nowUsed) {
        lock.lock();
        try {
            boolean freed = nowUsed < used;
            used = nowUsed;
            if (freed) {
                roomFreed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void capacityChanged(long newCapacity) {
        lock.lock();
        try {
            capacity = newCapacity;
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long capacity() {
        lock.lock();
        try {
            return capacity;
        } finally {
            lock.unlock();
        }
    }
}
