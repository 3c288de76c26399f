package org.stowage.api.device.support;

import java.util.function.LongSupplier;

/**
 * Bytes per second moved by real transfers, as an exponentially weighted moving average over time: each byte
 * counts with weight {@code e^(-age/tau)}, so a steady stream of R bytes/s reads as R, and the reading fades to
 * zero within a few {@code tau} once traffic stops. Thread-safe.
 */
public final class TrafficMeter {

    /** Default time constant: the average reflects roughly the last five seconds. */
    public static final long DEFAULT_TAU_NANOS = 5_000_000_000L;

    private final double tauNanos;
    private final LongSupplier nanoClock;
    private double rate;
    private long lastNanos;

    /** A meter with the default time constant on {@link System#nanoTime()}. */
    public TrafficMeter() {
        this(DEFAULT_TAU_NANOS, System::nanoTime);
    }

    public TrafficMeter(long tauNanos, LongSupplier nanoClock) {
        if (tauNanos <= 0) {
            throw new IllegalArgumentException("time constant must be positive, not " + tauNanos + " ns");
        }
        this.tauNanos = tauNanos;
        this.nanoClock = nanoClock;
        this.lastNanos = nanoClock.getAsLong();
    }

    /** Counts a completed transfer of {@code bytes}. */
    public synchronized void record(long bytes) {
        long now = nanoClock.getAsLong();
        rate = decayedTo(now) + bytes * 1_000_000_000.0 / tauNanos;
        lastNanos = now;
    }

    /** The current average in bytes per second. */
    public synchronized double bytesPerSecond() {
        return decayedTo(nanoClock.getAsLong());
    }

    private double decayedTo(long now) {
        return rate * Math.exp(-Math.max(0, now - lastNanos) / tauNanos);
    }
}
