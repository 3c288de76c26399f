package org.stowage.device.testkit;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;

/** With no faults configured, the decorator is transparent: it passes the suite like the device it wraps. */
class FaultyDeviceConformanceTest extends DeviceConformanceTest {

    @Override
    protected Device newDevice(long capacityBytes) {
        return FaultyDevice.wrap(new MemoryDevice(new DeviceDescriptor("faulty", "memory", DeviceKind.DISK,
                AccessType.RANDOM, capacityBytes))).build();
    }
}
