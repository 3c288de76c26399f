package org.stowage.api.device;

/** Writing would exceed the device's capacity limit. */
public class DeviceFullException extends DeviceException {

    private static final long serialVersionUID = 1L;

    public DeviceFullException(String deviceId, BlobName name, long needed, long free) {
        super(deviceId, "no room for blob " + name + ": needs " + needed + " bytes, " + free
                + " free; raise the device's capacity limit, add a device, or prune old snapshots");
    }
}
