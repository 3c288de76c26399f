package org.stowage.device.disk.internal;

import static org.stowage.api.device.support.ConfigKeys.absolutePath;
import static org.stowage.api.device.support.ConfigKeys.invalid;

import java.nio.file.Path;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.support.BusyWindows;
import org.stowage.api.device.support.ConfigKeys;

/**
 * A validated {@link DiskDeviceConfig}. Every problem is reported as
 * {@code "<pid>: key '<key>' <what is wrong and what to write>"} ({@link ConfigKeys}).
 *
 * @param descriptor  the device's identity, kind, access and capacity
 * @param root        the device's root folder (absolute)
 * @param maxInFlight operations in flight above which the device is BUSY
 * @param createRoot  create the root folder when it is missing
 * @param busyWindows daily periods in which the device reports BUSY (local time zone)
 * @param profile     staging size and selector weight, published for writers and selectors
 */
record DiskSettings(DeviceDescriptor descriptor, Path root, int maxInFlight, boolean createRoot,
                    BusyWindows busyWindows, DiskProfile profile) {

    static final String FAMILY = "disk";
    /** A spinning disk seeks between concurrent streams; more than two hurt throughput. */
    static final int DISK_MAX_IN_FLIGHT = 2;
    /** Flash serves many requests in parallel without seek cost. */
    static final int FLASH_MAX_IN_FLIGHT = 8;

    /**
     * Validates {@code config}.
     *
     * @param pid the configuration's name for messages, e.g. {@code org.stowage.device.disk-local}
     * @throws IllegalArgumentException naming the pid and the key
     */
    static DiskSettings validate(String pid, DiskDeviceConfig config) {
        String id = ConfigKeys.deviceId(pid, config.device_id());
        DeviceKind kind = kind(pid, config.device_kind());
        if (!AccessType.RANDOM.name().equals(config.device_access())) {
            throw invalid(pid, "device.access", "is '" + config.device_access()
                    + "', but the disk family only supports RANDOM");
        }
        long capacity = ConfigKeys.capacity(pid, "capacity", config.capacity());
        int maxInFlight = config.max_in_flight();
        if (maxInFlight < 0) {
            throw invalid(pid, "max.in.flight", "is " + maxInFlight + "; use 1 or more, or 0 for the kind's default");
        }
        if (maxInFlight == 0) {
            maxInFlight = kind == DeviceKind.FLASH ? FLASH_MAX_IN_FLIGHT : DISK_MAX_IN_FLIGHT;
        }
        return new DiskSettings(new DeviceDescriptor(id, FAMILY, kind, AccessType.RANDOM, capacity),
                absolutePath(pid, "path", config.path()), maxInFlight, config.create(),
                ConfigKeys.busyWindows(pid, config.busy_windows()), profile(pid, kind, config));
    }

    private static DiskProfile profile(String pid, DeviceKind kind, DiskDeviceConfig config) {
        long staging = 0;
        String text = config.staging_size() == null ? "" : config.staging_size().trim();
        if (!text.isEmpty()) {
            staging = ConfigKeys.capacity(pid, "staging.size", text);
            if (staging == 0) {
                throw invalid(pid, "staging.size", "is 0; use a size such as 64m, or leave it empty for the "
                        + "kind's default");
            }
        }
        if (config.selector_weight() < 0) {
            throw invalid(pid, "selector.weight", "is " + config.selector_weight()
                    + "; use 1 or more, or 0 for the kind's default");
        }
        return DiskProfile.of(kind, staging, config.selector_weight());
    }

    private static DeviceKind kind(String pid, String value) {
        if (DeviceKind.DISK.name().equals(value)) {
            return DeviceKind.DISK;
        }
        if (DeviceKind.FLASH.name().equals(value)) {
            return DeviceKind.FLASH;
        }
        throw invalid(pid, "device.kind", "is '" + value + "'; use DISK or FLASH");
    }
}
