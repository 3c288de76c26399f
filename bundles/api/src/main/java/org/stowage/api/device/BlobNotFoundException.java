package org.stowage.api.device;

/** The device has no blob of that name. */
public class BlobNotFoundException extends DeviceException {

    private static final long serialVersionUID = 1L;

    private final BlobName name;

    public BlobNotFoundException(String deviceId, BlobName name) {
        super(deviceId, "blob " + name + " does not exist");
        this.name = name;
    }

    public BlobName name() {
        return name;
    }
}
