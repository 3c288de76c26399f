package org.stowage.device.tape.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated time for tests: waiting only advances a counter, so configured load, locate and rewind times cost no
 * wall time. {@code onWait} runs at every wait, on the waiting thread — while the drive is mid-movement — so tests
 * can observe the device there.
 */
final class SimulatedMotion implements Motion {

    private final AtomicLong now = new AtomicLong();
    private volatile Runnable onWait = () -> { };

    void onWait(Runnable action) {
        this.onWait = action;
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void waitUntil(long deadlineNanos) {
        if (deadlineNanos > now.get()) {
            onWait.run();
            now.accumulateAndGet(deadlineNanos, Math::max);
        }
    }
}
