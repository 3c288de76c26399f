package org.stowage.api.staging;

import java.util.List;
import java.util.Objects;

/**
 * The staging space at one moment, for {@code stowage:staging}.
 *
 * @param enabled    whether new blobs are staged; when false, what is already staged is still served and drained
 * @param limitBytes the capacity decided from the devices' access types and measured traffic, clamped by the
 *                   configured minimum and maximum and by the staging volume's free space
 * @param limitWhy   how that limit was computed, in one line (the sum of the devices' needs and the clamps)
 * @param usedBytes  live staged bytes the limit bounds (block headers included, a block shared by blobs once)
 * @param diskBytes  bytes staging takes on its volume now (segments not yet compacted and the journal included)
 * @param devices    every device staging knows or holds blobs for, in id order
 */
public record StagingReport(boolean enabled, long limitBytes, String limitWhy, long usedBytes, long diskBytes,
                            List<DeviceStaging> devices) {

    public StagingReport {
        Objects.requireNonNull(limitWhy, "limitWhy");
        devices = List.copyOf(devices);
    }
}
