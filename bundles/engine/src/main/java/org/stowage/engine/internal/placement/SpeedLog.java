package org.stowage.engine.internal.placement;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.stowage.api.placement.DeviceSpeeds;

/**
 * The most recent measured speeds of each device: pack writes and reads, and probes with test data the device did
 * not keep. Selectors see them as {@link org.stowage.api.selector.NodeSelector.Candidate#recentSpeeds()} and average
 * as many of the newest as they want (the simple moving average of source design S2).
 *
 * <p><b>A device's speed is what it moves while busy</b>, not one transfer's own speed. The uploaders write several
 * packs to one device at once; each of them waits for the others (a disk or a link takes them in turn, or shares
 * itself among them), so a transfer's own bytes per second is the device's speed divided by how many were in
 * flight, and a device that takes many packs at once would look slower than an idle one that is not. So each
 * transfer is credited only the busy time no transfer recorded before it accounts for: the time since the later of
 * its own start and the end of the device's previous transfer, and at least its own duration shared among the
 * transfers that overlapped it (two that end at the same instant split their time rather than one of them getting
 * none). Transfers that do not overlap keep their own speed.
 *
 * <p>{@link #record} takes the end of the transfer to be the moment of the call: callers record right after the
 * transfer returns. Thread-safe; keeps at most {@value #KEPT} samples per device.
 */
public final class SpeedLog implements DeviceSpeeds {

    static final int KEPT = 32;
    /** Transfers shorter than this say more about latency than about speed. */
    private static final long MIN_BYTES = 64 * 1024;

    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public SpeedLog() {
        this(System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()}: the end of each recorded transfer */
    SpeedLog(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void record(String deviceId, long bytes, long nanos) {
        if (bytes < MIN_BYTES || nanos <= 0) {
            return;
        }
        Log log = logs.computeIfAbsent(deviceId, id -> new Log());
        synchronized (log) {
            log.add(bytes, nanos, clock.getAsLong());
        }
    }

    @Override
    public List<Double> recent(String deviceId) {
        Log log = logs.get(deviceId);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return List.copyOf(log.speeds);
        }
    }

    /** One device's samples and the ends of its recent transfers. Guarded by itself. */
    private static final class Log {
        private final Deque<Double> speeds = new ArrayDeque<>();
        private final Deque<Long> ends = new ArrayDeque<>();

        void add(long bytes, long nanos, long end) {
            long start = end - nanos;
            long overlapping = ends.stream().filter(e -> e - start > 0).count();
            long unaccounted = overlapping > 0 ? end - ends.peekLast() : nanos;
            long credited = Math.max(unaccounted, nanos / (overlapping + 1));
            speeds.addLast(bytes * 1e9 / Math.max(1, credited));
            ends.addLast(end);
            if (speeds.size() > KEPT) {
                speeds.removeFirst();
            }
            if (ends.size() > KEPT) {
                ends.removeFirst();
            }
        }
    }
}
