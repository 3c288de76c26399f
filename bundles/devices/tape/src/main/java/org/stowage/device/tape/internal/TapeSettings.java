package org.stowage.device.tape.internal;

import static org.stowage.api.device.support.ConfigKeys.absolutePath;
import static org.stowage.api.device.support.ConfigKeys.capacity;
import static org.stowage.api.device.support.ConfigKeys.invalid;
import static org.stowage.api.device.support.ConfigKeys.required;

import java.nio.file.Path;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.support.BusyWindows;
import org.stowage.api.device.support.ConfigKeys;

/**
 * A validated {@link TapeDeviceConfig}. Every problem is reported as
 * {@code "<pid>: key '<key>' <what is wrong and what to write>"} ({@link ConfigKeys}).
 */
record TapeSettings(DeviceDescriptor descriptor, boolean ltfs, Path path, boolean create, int slots,
                    String labelPrefix, long cartridgeCapacity, TapeTiming timing, int catalogEvery,
                    BusyWindows busyWindows) {

    static final String FAMILY = "tape";
    private static final long MIB = 1L << 20;

    /** The medium these settings describe. */
    TapeMedium medium() {
        return ltfs ? new LtfsVolume(path, labelPrefix + "00001", cartridgeCapacity, create)
                : new VirtualLibrary(path, slots, labelPrefix, cartridgeCapacity, create);
    }

    static TapeSettings validate(String pid, TapeDeviceConfig config) {
        String id = ConfigKeys.deviceId(pid, config.device_id());
        if (!DeviceKind.TAPE.name().equals(config.device_kind())) {
            throw invalid(pid, "device.kind", "is '" + config.device_kind() + "'; the tape family only has TAPE");
        }
        if (!AccessType.SEQUENTIAL.name().equals(config.device_access())) {
            throw invalid(pid, "device.access", "is '" + config.device_access() + "'; tape is SEQUENTIAL");
        }
        String backend = required(pid, "backend", config.backend());
        if (!backend.equals("virtual") && !backend.equals("ltfs")) {
            throw invalid(pid, "backend", "is '" + backend + "'; use virtual or ltfs");
        }
        if (config.slots() < 1 || config.slots() > 9999) {
            throw invalid(pid, "slots", "is " + config.slots() + "; use 1 to 9999");
        }
        String prefix = config.label_prefix() == null ? "" : config.label_prefix().trim();
        if (!prefix.matches("[A-Z]{1,3}")) {
            throw invalid(pid, "label.prefix", "is '" + prefix + "'; use 1-3 letters A-Z, e.g. L");
        }
        long cartridge = capacity(pid, "cartridge.capacity", config.cartridge_capacity());
        if (cartridge < 64 * 1024) {
            throw invalid(pid, "cartridge.capacity", "is " + cartridge + " bytes; use at least 64k");
        }
        if (config.catalog_every() < 1) {
            throw invalid(pid, "catalog.every", "is " + config.catalog_every() + "; use 1 or more");
        }
        DeviceDescriptor descriptor = new DeviceDescriptor(id, FAMILY, DeviceKind.TAPE, AccessType.SEQUENTIAL,
                capacity(pid, "capacity", config.capacity()));
        return new TapeSettings(descriptor, backend.equals("ltfs"), absolutePath(pid, "path", config.path()),
                config.create(), config.slots(), prefix, cartridge, timing(pid, config), config.catalog_every(),
                ConfigKeys.busyWindows(pid, config.busy_windows()));
    }

    private static TapeTiming timing(String pid, TapeDeviceConfig config) {
        return new TapeTiming(rate(pid, "rate", config.rate()), millis(pid, "locate.time", config.locate_time()),
                rate(pid, "locate.rate", config.locate_rate()), millis(pid, "load.time", config.load_time()),
                millis(pid, "rewind.time", config.rewind_time()),
                capacity(pid, "read.through", config.read_through()));
    }

    private static long rate(String pid, String key, double mibPerSecond) {
        if (!(mibPerSecond >= 0) || Double.isInfinite(mibPerSecond)) {
            throw invalid(pid, key, "is " + mibPerSecond + "; use MiB/s, 0 or more (0 = no limit)");
        }
        return (long) (mibPerSecond * MIB);
    }

    private static long millis(String pid, String key, long millis) {
        if (millis < 0 || millis > 3_600_000) {
            throw invalid(pid, key, "is " + millis + "; use milliseconds from 0 to 3600000");
        }
        return millis * 1_000_000;
    }
}
