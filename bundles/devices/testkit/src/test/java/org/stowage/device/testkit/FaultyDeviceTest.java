package org.stowage.device.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.bytes;
import static org.stowage.device.testkit.TestBlobs.heap;
import static org.stowage.device.testkit.TestBlobs.random;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;

/** Each fault of {@link FaultyDevice}, one at a time. */
class FaultyDeviceTest {

    private final MemoryDevice memory = new MemoryDevice("mem");

    @Test
    void failsTheNthCallOnlyAndDoesNotReachTheDevice() throws IOException {
        FaultyDevice device = FaultyDevice.wrap(memory).failNth(3, DeviceOperation.PUT).build();
        device.put(name(1), heap(new byte[1]));
        device.put(name(2), heap(new byte[1]));
        DeviceException e = assertThrows(DeviceException.class, () -> device.put(name(3), heap(new byte[1])));
        assertTrue(e.getMessage().contains(FaultyDevice.INJECTED) && e.getMessage().contains(name(3).toString())
                && e.getMessage().contains("'mem'"), e.getMessage());
        assertEquals(Optional.empty(), memory.stat(name(3)), "failed put reached the device");
        device.put(name(3), heap(new byte[1]));
        device.put(name(4), heap(new byte[1]));
        assertEquals(1, device.injectedFailures());
    }

    @Test
    void failsEveryNthCallCountedOverTheChosenOperations() throws IOException {
        FaultyDevice device = FaultyDevice.wrap(memory).failEveryNth(2, DeviceOperation.GET, DeviceOperation.STAT)
                .build();
        device.put(name(1), heap(new byte[1]));
        device.stat(name(1));
        assertThrows(DeviceException.class, () -> device.get(name(1), ByteRange.ALL));
        device.get(name(1), ByteRange.ALL);
        assertThrows(DeviceException.class, () -> device.stat(name(1)));
        device.delete(name(9));
        device.list(BlobType.DATA, info -> { });
        assertEquals(2, device.injectedFailures());
    }

    @Test
    void randomFailuresAreSeededAndRoughlyTheFraction() throws IOException {
        List<Boolean> first = stats(FaultyDevice.wrap(memory).seed(7).failRandomly(0.3, DeviceOperation.STAT).build());
        List<Boolean> again = stats(FaultyDevice.wrap(memory).seed(7).failRandomly(0.3, DeviceOperation.STAT).build());
        List<Boolean> other = stats(FaultyDevice.wrap(memory).seed(8).failRandomly(0.3, DeviceOperation.STAT).build());
        assertEquals(first, again, "same seed, different faults");
        assertNotEquals(first, other, "different seeds, same faults");
        long failures = first.stream().filter(failed -> failed).count();
        assertTrue(failures > 200 && failures < 400, failures + " of 1000 calls failed at fraction 0.3");
    }

    @Test
    void addsLatency() throws IOException {
        FaultyDevice device = FaultyDevice.wrap(memory).latency(Duration.ofMillis(50)).build();
        long start = System.nanoTime();
        device.stat(name(1));
        assertTrue(System.nanoTime() - start >= 50_000_000L, "no latency added");
    }

    @Test
    void throttlesBandwidth() throws IOException {
        FaultyDevice device = FaultyDevice.wrap(memory).bandwidth(1024 * 1024).build();
        long start = System.nanoTime();
        device.put(name(1), heap(random(128 * 1024, 1)));
        device.get(name(1), ByteRange.ALL);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMillis >= 245, "256 KiB at 1 MiB/s took only " + elapsedMillis + " ms");
    }

    @Test
    void busyPeriodsAreSwitchable() {
        FaultyDevice device = FaultyDevice.wrap(memory).busy("tape robot cleaning").build();
        assertEquals(DeviceState.BUSY, device.status().state());
        assertEquals("tape robot cleaning", device.status().reason());
        device.clearBusy();
        assertEquals(DeviceState.IDLE, device.status().state());
        device.setBusy("nightly scrub");
        assertEquals("nightly scrub", device.status().reason());
    }

    @Test
    void corruptsReadsByFlippingOneByteButNotTheStoredBlob() throws IOException {
        FaultyDevice device = FaultyDevice.wrap(memory).corruptReads(1.0).build();
        byte[] content = random(4096, 2);
        device.put(name(1), heap(content));
        byte[] read = bytes(device.get(name(1), ByteRange.ALL));
        int differing = 0;
        for (int i = 0; i < content.length; i++) {
            differing += read[i] != content[i] ? 1 : 0;
        }
        assertEquals(1, differing, "bytes flipped");
        assertArrayEquals(content, bytes(memory.get(name(1), ByteRange.ALL)), "stored blob was changed");
        device.put(name(2), heap(new byte[0]));
        assertEquals(0, device.get(name(2), ByteRange.ALL).remaining());
    }

    @Test
    void crashAfterPutsFailsThatPutAndEveryLaterOne() throws IOException {
        FaultyDevice device = FaultyDevice.wrap(memory).crashAfterPuts(2).build();
        device.put(name(1), heap(new byte[1]));
        device.put(name(2), heap(new byte[1]));
        assertFalse(device.crashed());
        assertThrows(DeviceException.class, () -> device.put(name(3), heap(new byte[1])));
        assertThrows(DeviceException.class, () -> device.put(name(4), heap(new byte[1])));
        assertThrows(DeviceException.class, () -> device.put(name(1), heap(new byte[1])));
        assertTrue(device.crashed());
        assertEquals(Optional.empty(), memory.stat(name(3)));
        assertEquals(1, device.get(name(1), ByteRange.ALL).remaining(), "reads still work after the crash");
    }

    @Test
    void rejectsNonsenseConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> FaultyDevice.wrap(memory).failNth(0, DeviceOperation.PUT));
        assertThrows(IllegalArgumentException.class, () -> FaultyDevice.wrap(memory).failRandomly(1.5,
                DeviceOperation.PUT));
        assertThrows(IllegalArgumentException.class, () -> FaultyDevice.wrap(memory).failEveryNth(2));
        assertThrows(IllegalArgumentException.class, () -> FaultyDevice.wrap(memory).corruptReads(-0.1));
    }

    private List<Boolean> stats(FaultyDevice device) throws IOException {
        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            try {
                device.stat(name(1));
                failed.add(false);
            } catch (DeviceException e) {
                assertTrue(e.getMessage().contains(FaultyDevice.INJECTED), e.getMessage());
                failed.add(true);
            }
        }
        return failed;
    }

    private static BlobName name(int i) {
        return BlobName.of(BlobType.DATA, "blob-" + i);
    }
}
