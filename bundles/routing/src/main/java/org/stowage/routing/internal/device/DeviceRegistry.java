package org.stowage.routing.internal.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.staging.support.StagingViews;

/**
 * The {@link Device} services registered now, by their {@link Device#PROP_ID}, with the operator's selector weight
 * ({@link Device#PROP_SELECTOR_WEIGHT}). The routing component fills it from the service registry (whiteboard);
 * tests and the bench fill it by hand. Devices come and go at any time; every query answers from the current state.
 *
 * <p>Thread-safe.
 */
public final class DeviceRegistry implements StagingViews.Members {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);

    private final Map<String, Member> byId = new ConcurrentHashMap<>();

    /** Takes a device in under its descriptor's id; a second device with the same id is refused and logged. */
    @Override
    public void add(Device device, int weight) {
        String id = device.descriptor().id();
        Member previous = byId.putIfAbsent(id, new Member(device, Math.max(1, weight)));
        if (previous != null && previous.device() != device) {
            LOG.error("Two Device services claim device id '{}' ({} and {}); placement uses the first one. Give each "
                    + "device configuration its own device.id", id, previous.device(), device);
        }
    }

    /** Lets a device go; only the instance that was added under its id is removed. */
    @Override
    public void remove(Device device) {
        byId.computeIfPresent(device.descriptor().id(), (id, member) -> member.device() == device ? null : member);
    }

    /** {@code next} takes the place of {@code current} under its id (a staging view of it, or no longer one). */
    @Override
    public void replace(Device current, Device next, int weight) {
        byId.computeIfPresent(current.descriptor().id(),
                (id, member) -> member.device() == current ? new Member(next, Math.max(1, weight)) : member);
    }

    public Optional<Device> get(String id) {
        Member member = byId.get(id);
        return member == null ? Optional.empty() : Optional.of(member.device());
    }

    /** The selector weight of a registered device, 1 for one that is not registered. */
    public int weight(String id) {
        Member member = byId.get(id);
        return member == null ? 1 : member.weight();
    }

    /** Every registered device, in no particular order. */
    public List<Device> all() {
        List<Device> devices = new ArrayList<>();
        byId.values().forEach(member -> devices.add(member.device()));
        return devices;
    }

    /** Of {@code ids}, the registered devices that are not OFFLINE, in the order of {@code ids}. */
    public List<Device> online(List<String> ids) {
        List<Device> online = new ArrayList<>(ids.size());
        for (String id : ids) {
            Member member = byId.get(id);
            if (member != null && member.device().status().state() != DeviceState.OFFLINE) {
                online.add(member.device());
            }
        }
        return online;
    }

    /**
     * For messages, in the engine's words: each id in quotes, and for one that is not online why (its OFFLINE
     * reason, or removed or not configured).
     */
    public String describe(List<String> ids) {
        List<String> parts = new ArrayList<>(ids.size());
        for (String id : ids) {
            Member member = byId.get(id);
            if (member == null) {
                parts.add("'" + id + "' (removed, or not configured)");
                continue;
            }
            DeviceStatus status = member.device().status();
            parts.add(status.state() == DeviceState.OFFLINE ? "'" + id + "' (offline: " + status.reason() + ")"
                    : "'" + id + "'");
        }
        return String.join(", ", parts);
    }

    private record Member(Device device, int weight) {
    }
}
