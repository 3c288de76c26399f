package org.stowage.device.disk.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.device.testkit.DeviceConformanceTest;

/** The disk driver against the device contract, on real files. */
class DiskDeviceConformanceTest extends DeviceConformanceTest {

    @TempDir
    Path root;

    @Override
    protected Device newDevice(long capacityBytes) {
        return new DiskDevice(new DeviceDescriptor("disk-test", "disk", DeviceKind.DISK, AccessType.RANDOM,
                capacityBytes), root, 2);
    }
}
