package org.stowage.device.tape.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.Device;
import org.stowage.api.device.support.BusyWindows;
import org.stowage.device.testkit.DeviceConformanceTest;

/** The virtual tape library against the device contract, on real cartridge files (tape-like simulated times). */
class VirtualTapeConformanceTest extends DeviceConformanceTest {

    @TempDir
    Path root;
    private int libraries;

    @Override
    protected Device newDevice(long capacityBytes) throws Exception {
        Path folder = Files.createDirectory(root.resolve("library-" + libraries++));
        return new TapeDevice(TapeFixture.descriptor("vtape-test", capacityBytes),
                new VirtualLibrary(folder, 4, "L", 16 * TapeFixture.MIB, true), TapeFixture.SLOW, 8,
                BusyWindows.NONE, Clock.systemUTC(), new SimulatedMotion());
    }

    @Override
    protected boolean supportsDelete() {
        return false;
    }
}
