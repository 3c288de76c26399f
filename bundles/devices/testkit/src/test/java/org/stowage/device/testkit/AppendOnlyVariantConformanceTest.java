package org.stowage.device.testkit;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;

/**
 * The suite as an append-only driver (tape) runs it: without the checks that need delete to free names. Run
 * against the memory device to keep that variant of the suite itself working.
 */
class AppendOnlyVariantConformanceTest extends DeviceConformanceTest {

    @Override
    protected Device newDevice(long capacityBytes) {
        return new MemoryDevice(new DeviceDescriptor("append", "memory", DeviceKind.TAPE, AccessType.SEQUENTIAL,
                capacityBytes));
    }

    @Override
    protected boolean supportsDelete() {
        return false;
    }
}
