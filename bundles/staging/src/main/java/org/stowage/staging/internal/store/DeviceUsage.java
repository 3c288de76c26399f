package org.stowage.staging.internal.store;

import java.util.Optional;

/**
 * What is staged for one device.
 *
 * @param stagedBytes the sum of its objects' lengths (blocks shared with other objects are counted for each, so the
 *                    devices' figures may add up to more than {@link StagingStore#usedBytes()})
 * @param items       how many objects wait for it
 * @param oldest      the object that has waited longest (drained first)
 */
public record DeviceUsage(String deviceId, long stagedBytes, int items, Optional<StagedItem> oldest) {
}
