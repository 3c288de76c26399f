package org.stowage.api.staging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.Device;

/**
 * Durable staging space for blobs whose device is busy. Thread-safe.
 */
public interface StagingService {

    /**
     * Stores a blob meant for {@code deviceId} durably in staging. Staging a name that is already staged for the
     * device replaces it, rewriting only the blocks that differ.
     *
     * @throws StagingFullException if the staging space cannot hold the blob
     */
    void stage(String deviceId, BlobName name, ByteBuffer content) throws IOException;

    /** The staged content of a blob, so that reads are served while it waits for its device. */
    Optional<ByteBuffer> read(String deviceId, BlobName name) throws IOException;

    /** The blobs staged for a device, oldest first. */
    List<BlobName> staged(String deviceId) throws IOException;

    /**
     * Writes every blob staged for the device to it, oldest first, and releases each one after the device's put
     * returned. Stops early (leaving the rest staged) when the device turns busy again.
     *
     * @return the number of blobs drained
     */
    int drain(Device device) throws IOException;

    /** Bytes the staging space may hold, as decided from the devices' parameters and measured traffic. */
    long capacityBytes();

    /** Bytes currently staged. */
    long usedBytes();
}
