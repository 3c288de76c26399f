package org.stowage.api.device;

/** Whether a device can take work now (source design S1's busy/idle signal). */
public enum DeviceState {
    /** Ready: writes go straight to the device. */
    IDLE,
    /** Reachable but saturated or reserved: writes meant for it are staged until it turns idle. */
    BUSY,
    /** Not reachable: nothing can be read or written. */
    OFFLINE
}
