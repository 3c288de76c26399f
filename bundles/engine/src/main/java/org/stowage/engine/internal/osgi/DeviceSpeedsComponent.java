package org.stowage.engine.internal.osgi;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.engine.internal.placement.SpeedLog;

/**
 * The installation's one {@link DeviceSpeeds}: the engine's placements and reads and the routing's placements and
 * probes record into it, and the selectors weigh what it holds. Thread-safe.
 */
@Component(service = DeviceSpeeds.class)
public final class DeviceSpeedsComponent implements DeviceSpeeds {

    private final SpeedLog log = new SpeedLog();

    @Override
    public void record(String deviceId, long bytes, long nanos) {
        log.record(deviceId, bytes, nanos);
    }

    @Override
    public List<Double> recent(String deviceId) {
        return log.recent(deviceId);
    }
}
