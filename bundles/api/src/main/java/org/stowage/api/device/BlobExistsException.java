package org.stowage.api.device;

/** A blob of that name exists already with other content; blobs are write-once. */
public class BlobExistsException extends DeviceException {

    private static final long serialVersionUID = 1L;

    public BlobExistsException(String deviceId, BlobName name) {
        super(deviceId, "blob " + name + " already exists with different content; blobs are write-once");
    }
}
