package org.stowage.device.tape.internal;

import java.nio.file.Path;
import java.time.Clock;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.support.BusyWindows;

/** Builds tape devices on real files with simulated time for the tests. */
final class TapeFixture {

    static final long MIB = 1L << 20;
    /** Tape-like times: 2 s locates, 20 s loads, 30 s rewinds (simulated, no wall time). */
    static final TapeTiming SLOW = new TapeTiming(300 * MIB, 2_000_000_000L, 1000 * MIB, 20_000_000_000L,
            30_000_000_000L, 4 * MIB);

    private TapeFixture() {
    }

    static DeviceDescriptor descriptor(String id, long capacity) {
        return new DeviceDescriptor(id, "tape", DeviceKind.TAPE, AccessType.SEQUENTIAL, capacity);
    }

    static TapeDevice virtual(Path folder, int slots, long cartridgeCapacity, int catalogEvery,
                              SimulatedMotion motion) {
        return new TapeDevice(descriptor("vtape", 0), new VirtualLibrary(folder, slots, "L", cartridgeCapacity, true),
                SLOW, catalogEvery, BusyWindows.NONE, Clock.systemUTC(), motion);
    }
}
