package org.stowage.staging.internal.service;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceStatus;
import org.stowage.staging.internal.sizing.DeviceDemand;
import org.stowage.staging.internal.sizing.StagingSize;
import org.stowage.staging.internal.sizing.StagingSizer;
import org.stowage.staging.internal.store.StagingStore;

/**
 * Sets the store's capacity from {@link StagingSizer} (docs/staging.md): per known device its access type, its
 * traffic (the larger of what the device measured and what arrived through its views, so a device whose writes
 * were all staged still counts) and its busy history. Called after every status poll. Thread-safe (the last size is
 * published through a volatile field).
 */
final class Resizer {

    private static final Logger LOG = LoggerFactory.getLogger(Resizer.class);

    private final StagingStore store;
    private final StagingSizer sizer;
    private final DeviceRegistry registry;
    private final Clock clock;
    private volatile StagingSize last;

    Resizer(StagingStore store, StagingSizer sizer, DeviceRegistry registry, Clock clock) {
        this.store = store;
        this.sizer = sizer;
        this.registry = registry;
        this.clock = clock;
    }

    /** Recomputes the size and applies it to the store; returns it. */
    StagingSize resize() throws IOException {
        List<DeviceDemand> demands = new ArrayList<>();
        for (DeviceRecord record : registry.records()) {
            Device device = record.device();
            if (device == null) {
                continue;
            }
            DeviceStatus status = record.lastStatus();
            double measured = status == null ? 0 : status.trafficBytesPerSecond();
            double traffic = Math.max(measured, record.putTraffic.bytesPerSecond());
            demands.add(new DeviceDemand(record.id, device.descriptor().access(), record.driverBytes(), traffic,
                    record.history.expectedBusy(clock.instant())));
        }
        long volumeFree = Files.getFileStore(store.directory()).getUsableSpace();
        StagingSize size = sizer.size(demands, volumeFree, store.diskBytes());
        StagingSize previous = last;
        store.setCapacityBytes(size.limitBytes());
        last = size;
        if (previous == null || previous.limitBytes() != size.limitBytes()) {
            LOG.debug("Staging {}", size.why());
        }
        return size;
    }

    /** The last size applied, or null before the first. */
    StagingSize last() {
        return last;
    }
}
