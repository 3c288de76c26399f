package org.stowage.api.device.support;

import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Detects a device whose throughput collapses under contention, e.g. a spinning disk that spends its time seeking
 * between concurrent streams. Thread-safe; one instance per device.
 *
 * <p><b>What is measured.</b> Each operation is bracketed by {@link #begin()} and {@link Operation#close()}; a
 * transfer reports its bytes with {@link Operation#transferred(long)}. A transfer of at least {@code minBytes}
 * yields one sample of the device's throughput: its own rate (bytes over the time since {@code begin}) times the
 * mean number of operations in flight during it. Under fair sharing that is the device's total rate, so four
 * streams that each get a quarter of a healthy device do not look collapsed. Smaller transfers are not sampled:
 * their time is open, fsync and rename, not streaming. A transfer during which the clock did not move is not
 * sampled either.
 *
 * <p><b>Healthy and recent.</b> The healthy figure is a slow moving average (weight 1/64 per sample), the recent
 * figure a fast one (weight 1/4: about the last four large transfers, so one slow transfer does not flip the
 * device); the first 8 samples count equally. A collapse that lasts becomes the new healthy figure after a hundred
 * or more large transfers (the deeper the collapse, the longer), so a device that got slower for good stops reporting it instead of staying BUSY.
 *
 * <p><b>The rule, with hysteresis.</b> After 8 samples, with 2 or more operations in flight, the device has collapsed when the recent figure falls below {@code collapseBelow} of the healthy one. It recovers
 * when the recent figure climbs above the higher {@code recoverAbove}, or when nothing is in flight. The gap keeps
 * a device near the threshold from flapping between BUSY and IDLE on every transfer, which would make writers stage
 * and un-stage in turn. With one operation in flight no collapse is reported: there is no contention to relieve.
 */
public final class ThroughputCollapse {

    /** Transfers below 1 MiB are not sampled: their time is per-file overhead, not throughput. */
    public static final long DEFAULT_MIN_BYTES = 1L << 20;
    /** Collapsed below 30 % of the healthy figure: well under the halving that plain sharing can look like. */
    public static final double DEFAULT_COLLAPSE_BELOW = 0.3;
    /** Recovered above 60 % of the healthy figure: twice the collapse threshold, so noise does not flap it. */
    public static final double DEFAULT_RECOVER_ABOVE = 0.6;
    static final int MIN_SAMPLES = 8;
    private static final double HEALTHY_WEIGHT = 1.0 / 64;
    private static final double RECENT_WEIGHT = 1.0 / 4;
    private static final double MIB = 1 << 20;

    private final long minBytes;
    private final double collapseBelow;
    private final double recoverAbove;
    private final LongSupplier nanoClock;
    // all guarded by this
    private int inFlight;
    private long lastNanos;
    private long inFlightNanos; // integral of inFlight over time: operation-nanoseconds
    private long samples;
    private double healthy;
    private double recent;
    private boolean collapsed;

    /** A detector with the defaults on {@link System#nanoTime()}. */
    public ThroughputCollapse() {
        this(System::nanoTime);
    }

    /** A detector with the defaults on {@code nanoClock} (tests pass a simulated one). */
    public ThroughputCollapse(LongSupplier nanoClock) {
        this(DEFAULT_MIN_BYTES, DEFAULT_COLLAPSE_BELOW, DEFAULT_RECOVER_ABOVE, nanoClock);
    }

    /**
     * @param minBytes      smallest transfer that is sampled, 1 or more
     * @param collapseBelow fraction of the healthy figure below which the device has collapsed
     * @param recoverAbove  fraction above which it has recovered; more than {@code collapseBelow}, at most 1
     */
    public ThroughputCollapse(long minBytes, double collapseBelow, double recoverAbove, LongSupplier nanoClock) {
        if (minBytes < 1) {
            throw new IllegalArgumentException("minimum sampled transfer must be 1 byte or more, not " + minBytes);
        }
        if (!(collapseBelow > 0 && collapseBelow < recoverAbove && recoverAbove <= 1)) {
            throw new IllegalArgumentException("need 0 < collapse fraction < recovery fraction <= 1, not "
                    + collapseBelow + " and " + recoverAbove);
        }
        this.minBytes = minBytes;
        this.collapseBelow = collapseBelow;
        this.recoverAbove = recoverAbove;
        this.nanoClock = nanoClock;
        this.lastNanos = nanoClock.getAsLong();
    }

    /** Counts an operation as in flight until the returned handle is closed (use try-with-resources). */
    public synchronized Operation begin() {
        long now = advance();
        inFlight++;
        judge();
        return new Operation(now, inFlightNanos);
    }

    /** Why the device counts as collapsed now, naming the figures, or empty when it does not. */
    public synchronized Optional<String> reason() {
        if (!collapsed || inFlight < 2) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "throughput collapsed under contention: %.1f MiB/s with %d "
                + "operations in flight (healthy %.1f MiB/s)", recent / MIB, inFlight, healthy / MIB));
    }

    /** The learned healthy throughput in bytes/s; 0 before the first sample. */
    public synchronized double healthyBytesPerSecond() {
        return healthy;
    }

    /** The recent throughput in bytes/s; 0 before the first sample. */
    public synchronized double recentBytesPerSecond() {
        return recent;
    }

    private synchronized void transferred(Operation op, long bytes) {
        if (op.reported || op.closed) {
            throw new IllegalStateException("a transfer is reported once, before its operation is closed");
        }
        op.reported = true;
        long now = advance();
        long elapsed = now - op.startNanos;
        if (bytes < minBytes || elapsed <= 0) {
            return;
        }
        double meanInFlight = (double) (inFlightNanos - op.startInFlightNanos) / elapsed;
        double rate = bytes * 1e9 / elapsed * meanInFlight;
        samples++;
        healthy += weight(HEALTHY_WEIGHT) * (rate - healthy);
        recent += weight(RECENT_WEIGHT) * (rate - recent);
        judge();
    }

    private synchronized void end(Operation op) {
        if (op.closed) {
            return;
        }
        op.closed = true;
        advance();
        inFlight--;
        judge();
    }

    /** The first samples count equally, so that neither figure starts from 0 or from a single transfer. */
    private double weight(double steady) {
        return samples <= MIN_SAMPLES ? Math.max(1.0 / samples, steady) : steady;
    }

    private void judge() {
        if (inFlight == 0) {
            collapsed = false;
        } else if (collapsed) {
            collapsed = recent <= recoverAbove * healthy;
        } else {
            collapsed = inFlight >= 2 && samples >= MIN_SAMPLES && recent < collapseBelow * healthy;
        }
    }

    private long advance() {
        long now = nanoClock.getAsLong();
        inFlightNanos += inFlight * Math.max(0, now - lastNanos);
        lastNanos = Math.max(lastNanos, now);
        return lastNanos;
    }

    /** One operation in flight. Used by one thread at a time; closing it again does nothing. */
    public final class Operation implements AutoCloseable {
        private final long startNanos;
        private final long startInFlightNanos;
        private boolean reported;
        private boolean closed;

        private Operation(long startNanos, long startInFlightNanos) {
            this.startNanos = startNanos;
            this.startInFlightNanos = startInFlightNanos;
        }

        /**
         * Reports that this operation moved {@code bytes}, once, when they have moved (the time since {@link
         * #begin()} is the transfer's duration) and before {@link #close()}.
         *
         * @throws IllegalStateException if reported twice or after close: a bug of the driver
         */
        public void transferred(long bytes) {
            ThroughputCollapse.this.transferred(this, bytes);
        }

        @Override
        public void close() {
            end(this);
        }
    }
}
