package org.stowage.api.staging;

import java.time.Instant;
import java.util.Objects;

import org.stowage.api.device.BlobName;

/**
 * A blob waiting in staging for its device.
 *
 * @param name      its name on the device
 * @param sizeBytes its length
 * @param stagedAt  when it was first staged (its place in the device's queue)
 */
public record StagedBlob(BlobName name, long sizeBytes, Instant stagedAt) {

    public StagedBlob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stagedAt, "stagedAt");
    }
}
