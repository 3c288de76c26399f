package org.stowage.api.staging;

import java.time.Duration;
import java.util.Objects;

/**
 * What one {@link StagingService#drain(String)} did.
 *
 * @param deviceId the device drained
 * @param end      why the drain ended
 * @param blobs    blobs written to the device and released from staging
 * @param bytes    their bytes
 * @param took     how long the drain ran
 * @param detail   for people: the device's busy or offline reason, or the failure (empty when EMPTY)
 */
public record DrainResult(String deviceId, End end, int blobs, long bytes, Duration took, String detail) {

    /** Why a drain ended. Only {@link #EMPTY} means nothing waits for the device any more. */
    public enum End {
        /** Everything staged for the device is on it. */
        EMPTY,
        /** The device is (or turned) BUSY; the rest stays staged until it is IDLE. */
        DEVICE_BUSY,
        /** The device is OFFLINE or not available; the rest stays staged. */
        DEVICE_OFFLINE,
        /** Drains of the device are paused by an operator. */
        PAUSED,
        /** Another drain of this device is running; this one wrote nothing. */
        ALREADY_DRAINING,
        /** The thread was interrupted (shutdown, Ctrl-C); the rest stays staged. */
        INTERRUPTED,
        /** A put to the device failed ({@link #detail} says why); that blob and the rest stay staged. */
        FAILED
    }

    public DrainResult {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(took, "took");
        detail = detail == null ? "" : detail;
    }
}
