package org.stowage.device.disk.internal;

import java.util.List;
import java.util.Map;

import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDetails;
import org.stowage.api.device.DeviceKind;

/**
 * How writers and selectors should treat a disk-family device, by kind unless configured:
 * <ul>
 *   <li><b>Staging</b> ({@code staging.size}): DISK {@value #DISK_STAGING_MIB} MiB, FLASH {@value #FLASH_STAGING_MIB}
 *       MiB. A spinning disk stalls for seconds (seeks under concurrent streams, spin-up, scrub windows), so the
 *       writer needs room for 16 packs of 16 MiB to keep the source reading; flash absorbs bursts in its own
 *       cache and answers in milliseconds, so 4 packs are enough.</li>
 *   <li><b>Selector weight</b> ({@code selector.weight}): DISK {@value #DISK_WEIGHT}, FLASH {@value #FLASH_WEIGHT}.
 *       Flash sustains several times a disk's throughput under the concurrent writes the packer makes (8 in flight
 *       against 2), so a selector should send it that much more of the new data.</li>
 * </ul>
 *
 * @param stagingBytes   staging space in bytes, more than 0
 * @param selectorWeight relative share of new data, 1 or more
 */
public record DiskProfile(long stagingBytes, int selectorWeight) {

    static final int DISK_STAGING_MIB = 256;
    static final int FLASH_STAGING_MIB = 64;
    static final int DISK_WEIGHT = 1;
    static final int FLASH_WEIGHT = 4;

    /** The profile for {@code kind}; a configured value (more than 0) wins over the kind's default. */
    public static DiskProfile of(DeviceKind kind, long configuredStaging, int configuredWeight) {
        boolean flash = kind == DeviceKind.FLASH;
        long staging = configuredStaging > 0 ? configuredStaging
                : (long) (flash ? FLASH_STAGING_MIB : DISK_STAGING_MIB) << 20;
        int weight = configuredWeight > 0 ? configuredWeight : flash ? FLASH_WEIGHT : DISK_WEIGHT;
        return new DiskProfile(staging, weight);
    }

    /** The service properties that publish this profile. */
    Map<String, Object> serviceProperties() {
        return Map.of(Device.PROP_STAGING_SIZE, stagingBytes, Device.PROP_SELECTOR_WEIGHT, selectorWeight);
    }

    /** The profile as a detail table for {@code stowage:device <id>}. */
    DeviceDetails.Section section(int maxInFlight) {
        return new DeviceDetails.Section("Profile", List.of("Setting", "Value"), List.of(
                List.of("max.in.flight", Integer.toString(maxInFlight)),
                List.of("staging.size", (stagingBytes >> 20) + " MiB (" + stagingBytes + " bytes)"),
                List.of("selector.weight", Integer.toString(selectorWeight))));
    }
}
