package org.stowage.routing.internal.status;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.routing.internal.device.DeviceRegistry;

/**
 * Remembers each device's state from one poll to the next and answers, per poll, the transitions: one
 * {@link DeviceStateChange} per device whose state differs from the last poll (a change of reason within one state
 * is none), including a device seen for the first time (previous unknown), and an OFFLINE change for a device whose
 * service went away (it is forgotten, so that it counts as new when it comes back). A device whose
 * {@code status()} throws counts as OFFLINE, with the failure as the reason.
 *
 * <p>Thread-safe; polls are serialized, so each transition is reported exactly once.
 */
public final class DeviceStatusPoller {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceStatusPoller.class);

    private final DeviceRegistry devices;
    private final Clock clock;
    private final Map<String, DeviceState> last = new HashMap<>();

    public DeviceStatusPoller(DeviceRegistry devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    /** Polls every registered device; returns the transitions since the last poll, ordered by device id. */
    public synchronized List<DeviceStateChange> poll() {
        List<DeviceStateChange> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Device device : devices.all()) {
            String id = device.descriptor().id();
            seen.add(id);
            DeviceStatus status = status(device, id);
            DeviceState previous = last.put(id, status.state());
            if (previous != status.state()) {
                changes.add(new DeviceStateChange(id, status.state(), previous, status.reason(), clock.instant()));
            }
        }
        for (String id : List.copyOf(last.keySet())) {
            if (!seen.contains(id)) {
                DeviceState previous = last.remove(id);
                if (previous != DeviceState.OFFLINE) {
                    changes.add(new DeviceStateChange(id, DeviceState.OFFLINE, previous,
                            "its Device service is no longer registered", clock.instant()));
                }
            }
        }
        changes.sort(Comparator.comparing(DeviceStateChange::deviceId));
        return changes;
    }

    private static DeviceStatus status(Device device, String id) {
        try {
            return device.status();
        } catch (RuntimeException e) {
            LOG.warn("device '{}': status() failed; counted as OFFLINE: {}", id, e.toString(), e);
            return new DeviceStatus(DeviceState.OFFLINE, "status() failed: " + e, 0, 0, 0, -1);
        }
    }
}
