package org.stowage.routing.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;
import org.stowage.api.staging.DeviceStaging;
import org.stowage.api.staging.DrainResult;
import org.stowage.api.staging.StagingReport;
import org.stowage.api.staging.StagingService;

/** A staging service that says how many blobs wait for each device and records the drains asked of it. */
final class RecordingStaging implements StagingService {

    private final Map<String, Integer> waiting = new ConcurrentHashMap<>();
    private final List<String> drained = new CopyOnWriteArrayList<>();

    void waiting(String deviceId, int blobs) {
        waiting.put(deviceId, blobs);
    }

    List<String> drained() {
        return List.copyOf(drained);
    }

    @Override
    public Device staged(Device device) {
        return device;
    }

    @Override
    public DrainResult drain(String deviceId) {
        drained.add(deviceId);
        int blobs = waiting.getOrDefault(deviceId, 0);
        waiting.remove(deviceId);
        return new DrainResult(deviceId, DrainResult.End.EMPTY, blobs, blobs * 1000L, Duration.ZERO, "");
    }

    @Override
    public void pause(String deviceId) {
        throw new UnsupportedOperationException("not used by the routes");
    }

    @Override
    public void resume(String deviceId) {
        throw new UnsupportedOperationException("not used by the routes");
    }

    @Override
    public StagingReport report() {
        List<DeviceStaging> devices = waiting.entrySet().stream().map(e -> new DeviceStaging(e.getKey(),
                DeviceState.IDLE, "", e.getValue() * 1000L, e.getValue(), Optional.empty(), 0, "", 0, false, false,
                "")).toList();
        return new StagingReport(true, 0, "", 0, 0, devices);
    }
}
