package org.stowage.device.testkit;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;

/** The reference device passes the suite. */
class MemoryDeviceConformanceTest extends DeviceConformanceTest {

    @Override
    protected Device newDevice(long capacityBytes) {
        return new MemoryDevice(new DeviceDescriptor("mem", "memory", DeviceKind.DISK, AccessType.RANDOM,
                capacityBytes));
    }
}
