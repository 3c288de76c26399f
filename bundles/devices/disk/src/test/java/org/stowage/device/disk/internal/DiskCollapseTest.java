package org.stowage.device.disk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.heap;
import static org.stowage.device.testkit.TestBlobs.random;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.support.BusyWindows;

/**
 * The disk turns BUSY when its throughput collapses under contention. Real puts on real files; only the time they
 * take is simulated: the commit hook moves a nano clock forward, so a put "takes" exactly what the test says.
 */
class DiskCollapseTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path root;

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong putNanos = new AtomicLong();
    private final HeldPuts held = new HeldPuts(2);

    @Test
    void busyWithTheFiguresWhenPutsSlowDownUnderContentionAndIdleWhenTheyAreDone() throws Exception {
        DiskDevice device = new DiskDevice(new DeviceDescriptor("disk-test", "disk", DeviceKind.DISK,
                AccessType.RANDOM, 0), root, 4, BusyWindows.NONE, Clock.systemUTC(), nanos::get, this::commit);
        putNanos.set(5_000_000L); // 1 MiB in 5 ms alone: 200 MiB/s
        for (int i = 0; i < 8; i++) {
            device.put(data("healthy" + i), heap(random(MIB, i)));
        }
        try (HeldPuts.Running one = held.start(device, data("held1"), random(MIB, 100));
             HeldPuts.Running two = held.start(device, data("held2"), random(MIB, 101))) {
            held.awaitHeld();
            assertEquals(DeviceState.IDLE, device.status().state(), "2 in flight within max.in.flight=4, healthy");

            putNanos.set(100_000_000L); // 1 MiB in 100 ms with 3 in flight: 30 MiB/s for the disk
            for (int i = 0; i < 8; i++) {
                device.put(data("slow" + i), heap(random(MIB, 200 + i)));
            }
            DeviceStatus busy = device.status();
            assertEquals(DeviceState.BUSY, busy.state());
            assertTrue(busy.reason().startsWith("throughput collapsed under contention: ")
                    && busy.reason().contains(" MiB/s with 2 operations in flight (healthy "), busy.reason());
            held.release();
            one.await();
            two.await();
        }
        assertEquals(DeviceState.IDLE, device.status().state(), "nothing in flight: recovered");
    }

    /** Held puts wait for the test; every other put moves the clock by its simulated duration. */
    private void commit(BlobName name) throws IOException {
        if (name.id().startsWith("held")) {
            held.beforeCommit(name);
        } else {
            nanos.addAndGet(putNanos.get());
        }
    }

    private static BlobName data(String id) {
        return BlobName.of(BlobType.DATA, id);
    }
}
