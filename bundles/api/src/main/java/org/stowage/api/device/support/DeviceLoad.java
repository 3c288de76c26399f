package org.stowage.api.device.support;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.stowage.api.device.BusyControl;

/**
 * Whether a device should report BUSY, and why: an operator's busy period first, then a configured busy window,
 * then operations in flight above {@code max.in.flight}, then throughput collapsed under contention (see {@link
 * ThroughputCollapse}; it needs the driver to report each transfer with {@link InFlight#transferred}). Thread-safe. The limit is a signal, not a gate:
 * operations beyond it still run, but the device reports BUSY so that writers stage data instead of queueing more.
 * A driver's device service can implement {@link BusyControl} by delegating to this.
 */
public final class DeviceLoad implements BusyControl {

    private record BusyPeriod(String reason, Instant until) {
    }

    private final int maxInFlight;
    private final BusyWindows windows;
    private final Clock clock;
    private final ThroughputCollapse collapse;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile BusyPeriod busy;

    /** Load with a {@link ThroughputCollapse} of the defaults on {@link System#nanoTime()}. */
    public DeviceLoad(int maxInFlight, BusyWindows windows, Clock clock) {
        this(maxInFlight, windows, clock, new ThroughputCollapse());
    }

    /** Load with its own collapse detector, e.g. on a simulated nano clock; {@code collapse} serves only this. */
    public DeviceLoad(int maxInFlight, BusyWindows windows, Clock clock, ThroughputCollapse collapse) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max.in.flight must be 1 or more, not " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.windows = Objects.requireNonNull(windows, "windows");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.collapse = Objects.requireNonNull(collapse, "collapse");
    }

    /** Counts an operation as in flight until the returned handle is closed (use try-with-resources). */
    public InFlight begin() {
        inFlight.incrementAndGet();
        return new Handle(collapse.begin());
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /** Reports BUSY with {@code reason} until {@code until}; null means until {@link #clearBusy()}. */
    @Override
    public void setBusy(String reason, Instant until) {
        busy = new BusyPeriod(reason == null || reason.isBlank() ? "set busy by the operator" : reason,
                until == null ? Instant.MAX : until);
    }

    @Override
    public void clearBusy() {
        busy = null;
    }

    /** Why the device is busy now, or empty when it is not. */
    public Optional<String> busyReason() {
        Instant now = clock.instant();
        BusyPeriod period = busy;
        if (period != null && now.isBefore(period.until())) {
            return Optional.of(period.until() == Instant.MAX ? period.reason()
                    : period.reason() + " (until " + period.until() + ")");
        }
        Optional<String> window = windows.activeAt(now);
        if (window.isPresent()) {
            return window;
        }
        int current = inFlight.get();
        if (current > maxInFlight) {
            return Optional.of(current + " operations in flight, more than max.in.flight=" + maxInFlight);
        }
        return collapse.reason();
    }

    /** An in-flight operation; closing it twice is a bug of the caller. */
    @FunctionalInterface
    public interface InFlight extends AutoCloseable {
        @Override
        void close();

        /**
         * Reports that this operation moved {@code bytes} (a put's content, a get's result), once, when they have
         * moved and before {@link #close()}: the time since {@link #begin()} is the transfer's duration. Handles
         * from {@link #begin()} feed the collapse rule; this default, for handles made elsewhere, does nothing.
         *
         * @throws IllegalStateException if reported twice or after close: a bug of the driver
         * @since 1.1
         */
        default void transferred(long bytes) {
        }
    }

    private final class Handle implements InFlight {
        private final ThroughputCollapse.Operation transfer;

        private Handle(ThroughputCollapse.Operation transfer) {
            this.transfer = transfer;
        }

        @Override
        public void transferred(long bytes) {
            transfer.transferred(bytes);
        }

        @Override
        public void close() {
            transfer.close();
            inFlight.decrementAndGet();
        }
    }
}
