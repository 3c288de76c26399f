package org.stowage.staging.internal.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.device.testkit.DeviceConformanceTest;
import org.stowage.device.testkit.MemoryDevice;

/**
 * The view of an IDLE device passes the driver conformance suite: a decorator must keep the Device contract (a
 * busy device's view is covered by {@link StagedDeviceTest}; the suite expects IDLE and the device's own capacity).
 */
class StagedDeviceConformanceTest extends DeviceConformanceTest {

    @TempDir
    Path dir;

    private final List<Fixture> fixtures = new ArrayList<>();

    @Override
    protected Device newDevice(long capacityBytes) throws Exception {
        Fixture fixture = Fixture.open(dir.resolve("staging-" + fixtures.size()));
        fixtures.add(fixture);
        return fixture.staging.staged(new MemoryDevice(new DeviceDescriptor("viewed", "memory", DeviceKind.DISK,
                AccessType.RANDOM, capacityBytes)));
    }

    @AfterEach
    void closeStores() throws Exception {
        for (Fixture fixture : fixtures) {
            fixture.close();
        }
    }
}
