package org.stowage.staging.internal.service;

import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.Device;
import org.stowage.api.device.MediaPosition;
import org.stowage.api.device.PositionedDevice;
import org.stowage.staging.internal.store.StagingStore;

/**
 * The staged view of a device that is a {@link PositionedDevice} (tape): optional interfaces are kept, not hidden,
 * because callers test them with {@code instanceof}. A blob still staged has no position on the medium (it is read
 * from staging), so it reports none, like a blob on a random-access device. Thread-safe.
 */
final class PositionedStagedDevice extends StagedDevice implements PositionedDevice {

    private final StagingStore store;
    private final String deviceId;

    PositionedStagedDevice(Device device, DeviceRecord record, StagingStore store, NameLocks locks,
                           BooleanSupplier enabled) {
        super(device, record, store, locks, enabled);
        this.store = store;
        this.deviceId = record.id;
    }

    @Override
    public Optional<MediaPosition> position(BlobName name) {
        if (store.item(deviceId, name).isPresent()) {
            return Optional.empty();
        }
        return ((PositionedDevice) device).position(name);
    }
}
