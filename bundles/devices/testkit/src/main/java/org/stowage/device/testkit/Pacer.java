package org.stowage.device.testkit;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Slows a {@link FaultyDevice} down: a fixed latency per call and a bandwidth shared by all threads (each transfer
 * books the next free slot of the link, like one shared cable). Thread-safe.
 */
final class Pacer {

    private final long latencyNanos;
    private final long bytesPerSecond;
    private long linkFreeAtNanos = System.nanoTime();

    Pacer(Duration latency, long bytesPerSecond) {
        if (latency.isNegative() || bytesPerSecond < 0) {
            throw new IllegalArgumentException("latency and bandwidth must not be negative: " + latency + ", "
                    + bytesPerSecond + " bytes/s");
        }
        this.latencyNanos = latency.toNanos();
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Waits the configured latency. */
    void latency() throws InterruptedIOException {
        if (latencyNanos > 0) {
            waitUntil(System.nanoTime() + latencyNanos);
        }
    }

    /** Waits until {@code bytes} have passed the throttled link; no wait when the bandwidth is unlimited (0). */
    void transfer(long bytes) throws InterruptedIOException {
        if (bytesPerSecond == 0 || bytes == 0) {
            return;
        }
        long cost = (long) (bytes * 1_000_000_000.0 / bytesPerSecond);
        long done;
        synchronized (this) {
            long start = Math.max(System.nanoTime(), linkFreeAtNanos);
            done = start + cost;
            linkFreeAtNanos = done;
        }
        waitUntil(done);
    }

    private static void waitUntil(long deadlineNanos) throws InterruptedIOException {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while FaultyDevice delayed a call");
            }
        }
    }
}
