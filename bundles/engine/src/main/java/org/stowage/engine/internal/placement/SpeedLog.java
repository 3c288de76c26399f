package org.stowage.engine.internal.placement;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.stowage.api.placement.DeviceSpeeds;

/**
 * The most recent measured transfer speeds of each device: pack writes and reads, and probes with test data the
 * device did not keep. Selectors see them as {@link org.stowage.api.selector.NodeSelector.Candidate#recentSpeeds()}
 * and average as many of the newest as they want (the simple moving average of source design S2).
 *
 * <p>Thread-safe; keeps at most {@value #KEPT} samples per device.
 */
public final class SpeedLog implements DeviceSpeeds {

    static final int KEPT = 32;
    /** Transfers shorter than this say more about latency than about speed. */
    private static final long MIN_BYTES = 64 * 1024;

    private final Map<String, Deque<Double>> samples = new ConcurrentHashMap<>();

    @Override
    public void record(String deviceId, long bytes, long nanos) {
        if (bytes < MIN_BYTES || nanos <= 0) {
            return;
        }
        Deque<Double> log = samples.computeIfAbsent(deviceId, id -> new ArrayDeque<>());
        synchronized (log) {
            log.addLast(bytes * 1e9 / nanos);
            if (log.size() > KEPT) {
                log.removeFirst();
            }
        }
    }

    @Override
    public List<Double> recent(String deviceId) {
        Deque<Double> log = samples.get(deviceId);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return List.copyOf(log);
        }
    }
}
