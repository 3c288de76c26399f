package org.stowage.api.staging;

import java.util.Objects;
import java.util.Optional;

import org.stowage.api.device.DeviceState;

/**
 * What staging holds for one device and how its drain goes.
 *
 * @param deviceId            the device
 * @param state               the device's state as last polled (OFFLINE when it is not available at all)
 * @param reason              the device's reason for that state (empty when none)
 * @param stagedBytes         bytes of the blobs waiting for it
 * @param stagedItems         how many blobs wait for it
 * @param oldest              the blob that has waited longest: the next one a drain writes
 * @param needBytes           this device's share of the staging limit (traffic × expected busy time or run)
 * @param needWhy             how that share was computed
 * @param drainBytesPerSecond recent drain throughput to the device (0 when no drain ran lately)
 * @param paused              whether drains of this device are paused by an operator
 * @param draining            whether a drain of this device is running now
 * @param lastError           the last drain failure, empty once a later drain wrote a blob
 */
public record DeviceStaging(String deviceId, DeviceState state, String reason, long stagedBytes, int stagedItems,
                            Optional<StagedBlob> oldest, long needBytes, String needWhy, double drainBytesPerSecond,
                            boolean paused, boolean draining, String lastError) {

    public DeviceStaging {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(oldest, "oldest");
        needWhy = needWhy == null ? "" : needWhy;
        lastError = lastError == null ? "" : lastError;
    }
}
