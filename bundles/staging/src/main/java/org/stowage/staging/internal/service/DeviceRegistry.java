package org.stowage.staging.internal.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.stowage.api.device.Device;

/**
 * The devices staging knows, by id: those registered as services (so that blobs staged before a restart drain
 * even before the engine asks for a view) and those the engine asked a view for. Thread-safe.
 */
final class DeviceRegistry {

    private final ConcurrentMap<String, DeviceRecord> records = new ConcurrentHashMap<>();

    /** The record of {@code id}, created on first use. */
    DeviceRecord record(String id) {
        return records.computeIfAbsent(id, DeviceRecord::new);
    }

    Optional<DeviceRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    /** Takes a device in: drains of its id write to it from now on. */
    DeviceRecord attach(Device device) {
        DeviceRecord record = record(device.descriptor().id());
        record.attach(device);
        return record;
    }

    /** Lets a device go (its service was unregistered); its staged blobs stay and wait for it. */
    void detach(Device device) {
        find(device.descriptor().id()).ifPresent(r -> r.detach(device));
    }

    /** Every record, in no particular order. */
    List<DeviceRecord> records() {
        return List.copyOf(records.values());
    }
}
