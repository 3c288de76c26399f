package org.stowage.device.tape.internal;

import java.io.InterruptedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock the simulated tape mechanics run on: load, locate, rewind and streaming take time by waiting on it.
 * {@link #REAL} waits for real; tests pass a simulated clock that only advances a counter, so configured times do
 * not slow the test suite. Thread-safe.
 */
interface Motion {

    Motion REAL = new Motion() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void waitUntil(long deadlineNanos) throws InterruptedIOException {
            long left;
            while ((left = deadlineNanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the tape drive was moving");
                }
            }
        }
    };

    long nanoTime();

    /** Returns once {@link #nanoTime()} has reached {@code deadlineNanos}. */
    void waitUntil(long deadlineNanos) throws InterruptedIOException;

    /** Waits {@code nanos} from now. */
    default void pause(long nanos) throws InterruptedIOException {
        if (nanos > 0) {
            waitUntil(nanoTime() + nanos);
        }
    }
}
