package org.stowage.api.device;

import java.io.IOException;

/** A device operation failed. The message names the device, the blob where there is one, and what to do. */
public class DeviceException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String deviceId;

    public DeviceException(String deviceId, String message) {
        super("device '" + deviceId + "': " + message);
        this.deviceId = deviceId;
    }

    public DeviceException(String deviceId, String message, Throwable cause) {
        super("device '" + deviceId + "': " + message, cause);
        this.deviceId = deviceId;
    }

    public String deviceId() {
        return deviceId;
    }
}
