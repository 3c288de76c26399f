package org.stowage.staging.internal.sizing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.stowage.api.device.AccessType;

/**
 * What one device asks of staging: its access type (S1's backup-end parameter), the room its driver asks for, its
 * measured traffic and how long it is expected to stay busy.
 *
 * @param driverBytes           the staging room the device's driver asks for ({@code device.staging.size}, e.g. the
 *                              disk family's 256 MiB for a spinning disk's stalls); 0 if it names none
 * @param trafficBytesPerSecond the device's measured traffic ({@code DeviceStatus.trafficBytesPerSecond}); 0 if not
 *                              measured yet
 * @param expectedBusy          from its {@link BusyHistory}; empty if it was never seen busy
 */
public record DeviceDemand(String deviceId, AccessType access, long driverBytes, double trafficBytesPerSecond,
                           Optional<Duration> expectedBusy) {

    public DeviceDemand {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(expectedBusy, "expectedBusy");
        if (driverBytes < 0) {
            throw new IllegalArgumentException("the staging room the driver of device '" + deviceId + "' asks for"
                    + " must be >= 0 bytes, got " + driverBytes);
        }
        if (!(trafficBytesPerSecond >= 0) || Double.isInfinite(trafficBytesPerSecond)) {
            throw new IllegalArgumentException("traffic of device '" + deviceId + "' must be a finite number of "
                    + "bytes per second >= 0, got " + trafficBytesPerSecond);
        }
    }
}
