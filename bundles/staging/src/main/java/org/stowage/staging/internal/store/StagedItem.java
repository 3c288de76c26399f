package org.stowage.staging.internal.store;

import java.time.Instant;
import java.util.Objects;

import org.stowage.api.device.BlobName;

/**
 * A staged object as listed: what it is, for which device, how big, since when.
 *
 * @param deviceId      the device the object waits for
 * @param name          the blob's name on that device
 * @param sizeBytes     the object's length
 * @param firstStagedAt when its first version was staged: its place in the device's queue (oldest first)
 * @param stagedAt      when its current version was staged
 * @param version       identifies the current version; pass it to {@link StagingStore#releaseIfUnchanged} so that
 *                      a version staged while an older one was being drained is not released unwritten
 */
public record StagedItem(String deviceId, BlobName name, long sizeBytes, Instant firstStagedAt, Instant stagedAt,
                         long version) {

    public StagedItem {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(firstStagedAt, "firstStagedAt");
        Objects.requireNonNull(stagedAt, "stagedAt");
    }
}
