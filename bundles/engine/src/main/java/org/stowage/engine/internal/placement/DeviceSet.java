package org.stowage.engine.internal.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;

/**
 * The devices one repository is spread over: the ids its configuration names, in that order, and the {@link Device}
 * services available for them now. Devices come and go at any time (a driver bundle stops, a configuration is
 * deleted, a disk is unmounted and shows OFFLINE); every query answers from the current state.
 *
 * <p>Thread-safe. The order of the ids is the operator's order of preference wherever nothing else decides.
 */
public final class DeviceSet {

    private final List<String> ids;
    private final Map<String, Member> available;
    private final AtomicBoolean joined = new AtomicBoolean();

    /** @param ids the member ids, in the configuration's order; at least one, no duplicates */
    public DeviceSet(List<String> ids) {
        this(ids, new ConcurrentHashMap<>());
    }

    private DeviceSet(List<String> ids, Map<String, Member> available) {
        if (ids.isEmpty() || ids.stream().distinct().count() != ids.size()) {
            throw new IllegalArgumentException("a repository needs one or more distinct devices: " + ids);
        }
        ids.forEach(DeviceDescriptor::checkId);
        this.ids = List.copyOf(ids);
        this.available = available;
    }

    /**
     * Some of these devices, in the given order, seeing the same devices come and go (one backup narrowed to them).
     *
     * @throws IllegalArgumentException naming an id that is not a member
     */
    public DeviceSet subset(List<String> members) {
        for (String id : members) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("device '" + id + "' is not one of the repository's devices "
                        + ids);
            }
        }
        return new DeviceSet(members, available);
    }

    /** A set of the given devices, all available, in this order, each with weight 1 (tests and tools). */
    public static DeviceSet of(Device... devices) {
        List<String> ids = new ArrayList<>();
        for (Device device : devices) {
            ids.add(device.descriptor().id());
        }
        DeviceSet set = new DeviceSet(ids);
        for (Device device : devices) {
            set.add(device, 1);
        }
        return set;
    }

    /** The member ids in configured order, available or not. */
    public List<String> ids() {
        return ids;
    }

    /**
     * Takes a device service in if it is a member.
     *
     * @param weight the operator's selector weight of the device ({@link Device#PROP_SELECTOR_WEIGHT}, at least 1)
     * @return whether it is a member (and not already present)
     */
    public boolean add(Device device, int weight) {
        String id = device.descriptor().id();
        if (!ids.contains(id) || available.putIfAbsent(id, new Member(device, Math.max(1, weight))) != null) {
            return false;
        }
        joined.set(true);
        return true;
    }

    /** Lets a device service go; returns whether it was this set's member. */
    public boolean remove(Device device) {
        Member member = available.get(device.descriptor().id());
        return member != null && member.device() == device && available.remove(device.descriptor().id(), member);
    }

    /**
     * Puts {@code next} in the place of the member {@code current} (the same device seen through a decorator, or no
     * longer), keeping its weight; nothing happens unless {@code current} is the member under its id. Not a join.
     */
    public boolean replace(Device current, Device next, int weight) {
        Member member = available.get(current.descriptor().id());
        return member != null && member.device() == current
                && available.replace(current.descriptor().id(), member, new Member(next, Math.max(1, weight)));
    }

    /** Whether a device joined since the last call (its metadata may need copying); clears the flag. */
    public boolean takeJoined() {
        return joined.getAndSet(false);
    }

    public Optional<Device> get(String id) {
        Member member = available.get(id);
        return member == null ? Optional.empty() : Optional.of(member.device());
    }

    /** The operator's selector weight of an available member, 1 if it is not available. */
    public int weight(String id) {
        Member member = available.get(id);
        return member == null ? 1 : member.weight();
    }

    /** Available members that are not OFFLINE, in configured order. */
    public List<Device> online() {
        List<Device> online = new ArrayList<>();
        for (String id : ids) {
            Member member = available.get(id);
            if (member != null && member.device().status().state() != DeviceState.OFFLINE) {
                online.add(member.device());
            }
        }
        return online;
    }

    /**
     * Where repository metadata (keys, config, index files, snapshots, locks) is kept: the online random-access
     * members, which take small writes cheaply; where there is none, the online sequential ones.
     */
    public List<Device> metadataDevices() {
        List<Device> online = online();
        List<Device> random = online.stream().filter(d -> d.descriptor().access() == AccessType.RANDOM).toList();
        return random.isEmpty() ? online : random;
    }

    /** Members (by id) whose metadata copies an exclusive change must reach, and that are not online now. */
    public List<String> missingRandomAccessMembers() {
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Member member = available.get(id);
            if (member == null) {
                missing.add(id);
            } else if (member.device().descriptor().access() == AccessType.RANDOM
                    && member.device().status().state() == DeviceState.OFFLINE) {
                missing.add(id);
            }
        }
        return missing;
    }

    /** For messages: the ids, each one that is not online with why (its OFFLINE reason, or not available). */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (String id : ids) {
            Member member = available.get(id);
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
