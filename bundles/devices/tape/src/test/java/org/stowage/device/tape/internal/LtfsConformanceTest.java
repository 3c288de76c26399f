package org.stowage.device.tape.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.Device;
import org.stowage.api.device.support.BusyWindows;
import org.stowage.device.testkit.DeviceConformanceTest;

/**
 * The LTFS backend against the device contract. A real LTFS mount was not available where this was written: the
 * "mount point" is a plain temporary folder, which exercises the same file operations (create, write, fsync, read).
 */
class LtfsConformanceTest extends DeviceConformanceTest {

    @TempDir
    Path root;
    private int volumes;

    @Override
    protected Device newDevice(long capacityBytes) throws Exception {
        Path mount = Files.createDirectory(root.resolve("mount-" + volumes++));
        return new TapeDevice(TapeFixture.descriptor("ltfs-test", capacityBytes),
                new LtfsVolume(mount, "L00001", 64 * TapeFixture.MIB, true), TapeTiming.INSTANT, 8,
                BusyWindows.NONE, Clock.systemUTC(), new SimulatedMotion());
    }

    @Override
    protected boolean supportsDelete() {
        return false;
    }
}
