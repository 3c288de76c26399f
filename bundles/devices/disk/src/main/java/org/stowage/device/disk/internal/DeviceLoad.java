package org.stowage.device.disk.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How loaded a device is: operations in flight against the {@code max.in.flight} limit, and an operator-set busy
 * period. Thread-safe. The limit is a signal, not a gate: operations beyond it still run, but the device reports
 * BUSY so that writers stage data instead of queueing more.
 */
final class DeviceLoad {

    private record BusyPeriod(String reason, Instant until) {
    }

    private final int maxInFlight;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile BusyPeriod busy;

    DeviceLoad(int maxInFlight, Clock clock) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max.in.flight must be 1 or more, not " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.clock = clock;
    }

    /** Counts an operation as in flight until the returned handle is closed (use try-with-resources). */
    InFlight begin() {
        inFlight.incrementAndGet();
        return inFlight::decrementAndGet;
    }

    int inFlight() {
        return inFlight.get();
    }

    int maxInFlight() {
        return maxInFlight;
    }

    /** Reports BUSY with {@code reason} until {@code until} (or until {@link #clearBusy()}). */
    void setBusy(String reason, Instant until) {
        Objects.requireNonNull(until, "until");
        busy = new BusyPeriod(reason == null || reason.isBlank() ? "set busy by the operator" : reason, until);
    }

    void clearBusy() {
        busy = null;
    }

    /** Why the device is busy now, or empty when it is not. The operator's reason comes first. */
    Optional<String> busyReason() {
        BusyPeriod period = busy;
        if (period != null && clock.instant().isBefore(period.until())) {
            return Optional.of(period.reason() + " (until " + period.until() + ")");
        }
        int now = inFlight.get();
        if (now > maxInFlight) {
            return Optional.of(now + " operations in flight, more than max.in.flight=" + maxInFlight);
        }
        return Optional.empty();
    }

    /** An in-flight operation; closing it twice is a bug of the caller. */
    @FunctionalInterface
    interface InFlight extends AutoCloseable {
        @Override
        void close();
    }
}
