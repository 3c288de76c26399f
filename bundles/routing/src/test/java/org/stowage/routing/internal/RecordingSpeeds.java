package org.stowage.routing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.stowage.api.placement.DeviceSpeeds;

/** A {@link DeviceSpeeds} that keeps every recorded transfer, for assertions. Thread-safe. */
public final class RecordingSpeeds implements DeviceSpeeds {

    /** One recorded transfer. */
    public record Transfer(String deviceId, long bytes, long nanos) {
    }

    private final List<Transfer> transfers = new ArrayList<>();
    private final Map<String, List<Double>> recent = new ConcurrentHashMap<>();

    @Override
    public synchronized void record(String deviceId, long bytes, long nanos) {
        transfers.add(new Transfer(deviceId, bytes, nanos));
        recent.computeIfAbsent(deviceId, id -> new ArrayList<>()).add(bytes * 1e9 / Math.max(1, nanos));
    }

    @Override
    public synchronized List<Double> recent(String deviceId) {
        return List.copyOf(recent.getOrDefault(deviceId, List.of()));
    }

    public synchronized List<Transfer> transfers() {
        return List.copyOf(transfers);
    }

    /** The devices with a recorded transfer, in recording order, each as often as recorded. */
    public synchronized List<String> devices() {
        return transfers.stream().map(Transfer::deviceId).toList();
    }
}
