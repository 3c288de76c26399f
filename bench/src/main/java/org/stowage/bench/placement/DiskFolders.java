package org.stowage.bench.placement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.device.disk.internal.DiskDevice;

/** Disk devices of the product's disk driver in fresh folders below one directory (emptied first). */
public final class DiskFolders {

    /** DISK's default of the disk family (max.in.flight): only decides when the status says BUSY. */
    private static final int MAX_IN_FLIGHT = 2;

    private DiskFolders() {
    }

    static List<Device> fresh(Path parent, String... ids) throws IOException {
        delete(parent);
        List<Device> devices = new ArrayList<>();
        for (String id : ids) {
            Path root = Files.createDirectories(parent.resolve(id)).toAbsolutePath().normalize();
            devices.add(new DiskDevice(new DeviceDescriptor(id, "disk", DeviceKind.DISK, AccessType.RANDOM, 0), root,
                    MAX_IN_FLIGHT));
        }
        return devices;
    }

    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
