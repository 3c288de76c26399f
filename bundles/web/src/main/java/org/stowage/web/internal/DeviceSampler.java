package org.stowage.web.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;

/**
 * Samples every device's status at a fixed interval for the console's traffic charts (the last {@value #KEPT}
 * samples per device), and publishes a {@code device} event when a device's state changes. {@link #sample()} is
 * called from one scheduler thread; {@link #history} from request threads. Thread-safe.
 */
final class DeviceSampler {

    static final int KEPT = 720;

    /** One sample of one device. */
    record Sample(Instant time, DeviceState state, double trafficBytesPerSecond, int queueDepth, long usedBytes,
                  long freeBytes) {
    }

    private final StowageServices services;
    private final EventHub events;
    private final Clock clock;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

    DeviceSampler(StowageServices services, EventHub events, Clock clock) {
        this.services = services;
        this.events = events;
        this.clock = clock;
    }

    void sample() {
        Instant now = clock.instant();
        for (Device device : services.devices()) {
            String id = device.descriptor().id();
            DeviceStatus status = device.status();
            Sample sample = new Sample(now, status.state(), status.trafficBytesPerSecond(), status.queueDepth(),
                    status.usedBytes(), status.freeBytes());
            Deque<Sample> history = samples.computeIfAbsent(id, k -> new ArrayDeque<>());
            DeviceState previous;
            synchronized (history) {
                previous = history.isEmpty() ? null : history.peekLast().state();
                history.addLast(sample);
                while (history.size() > KEPT) {
                    history.removeFirst();
                }
            }
            if (previous != status.state()) {
                events.publish("device", DeviceEndpoints.view(device, status, null));
            }
        }
        samples.keySet().retainAll(services.devices().stream().map(d -> d.descriptor().id()).toList());
    }

    List<Sample> history(String id) {
        Deque<Sample> history = samples.get(id);
        if (history == null) {
            return List.of();
        }
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /**
     * The samples as columns, oldest first: {@code time} (epoch seconds), {@code state}, {@code traffic} (bytes per
     * second), {@code queue}, {@code used}, {@code free}. An hour of samples is about 25 KiB this way, a fifth of
     * the same as objects: the dashboard loads one per device.
     */
    Map<String, Object> columns(String id) {
        List<Sample> all = history(id);
        int n = all.size();
        long[] time = new long[n];
        String[] state = new String[n];
        double[] traffic = new double[n];
        int[] queue = new int[n];
        long[] used = new long[n];
        long[] free = new long[n];
        for (int i = 0; i < n; i++) {
            Sample s = all.get(i);
            time[i] = s.time().getEpochSecond();
            state[i] = s.state().name();
            traffic[i] = Math.round(s.trafficBytesPerSecond());
            queue[i] = s.queueDepth();
            used[i] = s.usedBytes();
            free[i] = s.freeBytes();
        }
        return Map.of("time", time, "state", state, "traffic", traffic, "queue", queue, "used", used, "free", free);
    }
}
