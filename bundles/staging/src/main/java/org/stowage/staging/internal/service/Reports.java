package org.stowage.staging.internal.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.staging.DeviceStaging;
import org.stowage.api.staging.StagedBlob;
import org.stowage.api.staging.StagingReport;
import org.stowage.staging.internal.sizing.StagingSize;
import org.stowage.staging.internal.store.DeviceUsage;
import org.stowage.staging.internal.store.StagingStore;

/** Builds a {@link StagingReport} from the store, the known devices and the last sizing. One use per report. */
final class Reports {

    private final StagingStore store;
    private final DeviceRegistry registry;
    private final Predicate<String> paused;
    private final StagingSize size;
    private final boolean enabled;

    Reports(StagingStore store, DeviceRegistry registry, Predicate<String> paused, StagingSize size,
            boolean enabled) {
        this.store = store;
        this.registry = registry;
        this.paused = paused;
        this.size = size;
        this.enabled = enabled;
    }

    StagingReport report() {
        Map<String, DeviceUsage> usage = new TreeMap<>();
        registry.records().forEach(r -> usage.put(r.id, store.usage(r.id)));
        store.usage().forEach(u -> usage.put(u.deviceId(), u));
        List<DeviceStaging> devices = new ArrayList<>();
        usage.forEach((id, u) -> devices.add(device(id, u)));
        String why = size == null ? "the configured minimum, until the first status poll sizes staging" : size.why();
        return new StagingReport(enabled, store.capacityBytes(), why, store.usedBytes(), store.diskBytes(), devices);
    }

    private DeviceStaging device(String id, DeviceUsage usage) {
        Optional<DeviceRecord> record = registry.find(id);
        Device device = record.map(DeviceRecord::device).orElse(null);
        DeviceStatus status = status(device);
        Optional<StagedBlob> oldest = usage.oldest()
                .map(i -> new StagedBlob(i.name(), i.sizeBytes(), i.firstStagedAt()));
        Optional<StagingSize.DeviceShare> share = size == null ? Optional.empty()
                : size.devices().stream().filter(s -> s.deviceId().equals(id)).findFirst();
        return new DeviceStaging(id, status.state(), status.reason(), usage.stagedBytes(), usage.items(), oldest,
                share.map(StagingSize.DeviceShare::needBytes).orElse(0L),
                share.map(StagingSize.DeviceShare::why).orElse(""),
                record.map(DeviceRecord::drainBytesPerSecond).orElse(0.0),
                paused.test(id), record.map(r -> r.draining.get()).orElse(false),
                record.map(DeviceRecord::lastError).orElse(""));
    }

    /** The device's status now; OFFLINE with why when it is not available or its status fails. */
    private static DeviceStatus status(Device device) {
        if (device == null) {
            return new DeviceStatus(DeviceState.OFFLINE, "not available", 0, 0, 0, -1);
        }
        try {
            return device.status();
        } catch (RuntimeException e) {
            return new DeviceStatus(DeviceState.OFFLINE, "status failed: " + e.getMessage(), 0, 0, 0, -1);
        }
    }
}
