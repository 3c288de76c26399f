package org.stowage.staging.internal.sizing;

import java.util.List;

/**
 * The decided size of the staging space and why, for the store ({@code StagingStore.setCapacityBytes}) and the
 * operator ({@code stowage:staging}).
 *
 * @param limitBytes the capacity to apply
 * @param devices    each device's share of the need, with its own reason
 * @param why        one line: the sum, the clamps that applied
 */
public record StagingSize(long limitBytes, List<DeviceShare> devices, String why) {

    public StagingSize {
        devices = List.copyOf(devices);
    }

    /** One device's need and how it was computed. */
    public record DeviceShare(String deviceId, long needBytes, String why) {
    }
}
