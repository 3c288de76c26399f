package org.stowage.api.device;

import java.util.Objects;

/**
 * A point-in-time view of a device.
 *
 * @param state                 idle, busy or offline
 * @param reason                why the device is in that state, for operators (empty when idle for no reason)
 * @param trafficBytesPerSecond moving average of bytes per second measured on real transfers (0 if none yet)
 * @param queueDepth            transfers in flight or waiting
 * @param usedBytes             bytes stored on the device by Stowage
 * @param freeBytes             bytes that can still be written, or -1 if unknown
 */
public record DeviceStatus(DeviceState state, String reason, double trafficBytesPerSecond, int queueDepth,
                           long usedBytes, long freeBytes) {

    public DeviceStatus {
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
    }

    public boolean isIdle() {
        return state == DeviceState.IDLE;
    }
}
