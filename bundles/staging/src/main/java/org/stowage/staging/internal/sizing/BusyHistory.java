package org.stowage.staging.internal.sizing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Learns how long one device stays busy from its busy/idle transitions: the last {@code remembered} completed busy
 * intervals, and the one running now. The expected busy period is the longest of them, so staging sized from it
 * holds what arrives during any recent busy spell (an average would overflow in every longer-than-average one).
 *
 * <p>Thread safety: thread-safe (the status poller reports, the sizer reads).
 */
public final class BusyHistory {

    private final int remembered;
    private final Deque<Duration> intervals = new ArrayDeque<>();
    private Instant busySince;

    public BusyHistory(int remembered) {
        if (remembered < 1) {
            throw new IllegalArgumentException("a busy history must remember at least one interval, got " + remembered);
        }
        this.remembered = remembered;
    }

    /** Reports the device's state at {@code at}; repeated reports of the same state change nothing. */
    public synchronized void onState(boolean busy, Instant at) {
        if (busy && busySince == null) {
            busySince = at;
        } else if (!busy && busySince != null) {
            Duration interval = Duration.between(busySince, at);
            busySince = null;
            if (!interval.isNegative()) {
                intervals.addLast(interval);
                if (intervals.size() > remembered) {
                    intervals.removeFirst();
                }
            }
        }
    }

    /** The longest recent busy interval (counting the current one up to {@code now}), if the device was ever busy. */
    public synchronized Optional<Duration> expectedBusy(Instant now) {
        Optional<Duration> longest = intervals.stream().max(Duration::compareTo);
        if (busySince != null) {
            Duration current = Duration.between(busySince, now);
            if (longest.isEmpty() || current.compareTo(longest.get()) > 0) {
                return Optional.of(current);
            }
        }
        return longest;
    }

    /** How many completed intervals the estimate rests on, for the "why". */
    public synchronized int learntIntervals() {
        return intervals.size();
    }
}
