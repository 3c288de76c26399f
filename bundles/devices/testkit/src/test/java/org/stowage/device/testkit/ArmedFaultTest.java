package org.stowage.device.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.bytes;
import static org.stowage.device.testkit.TestBlobs.heap;
import static org.stowage.device.testkit.TestBlobs.random;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;

/** Faults armed and disarmed at runtime, narrowed by operation, blob type and name. */
class ArmedFaultTest {

    private final MemoryDevice memory = new MemoryDevice("mem");
    private final FaultyDevice device = FaultyDevice.wrap(memory).build();

    @Test
    void failsTheThirdDataPutOnlyCountingDataPuts() throws IOException {
        ArmedFault third = device.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.DATA).nth(3));
        device.put(data(1), heap(new byte[1]));
        device.put(index(1), heap(new byte[1]));
        device.put(data(2), heap(new byte[1]));
        DeviceException e = assertThrows(DeviceException.class, () -> device.put(data(3), heap(new byte[1])));
        assertTrue(e.getMessage().contains("'mem'") && e.getMessage().contains("put of " + data(3))
                && e.getMessage().contains(FaultyDevice.INJECTED), e.getMessage());
        assertEquals(Optional.empty(), memory.stat(data(3)), "a failed put reached the device");
        device.put(data(4), heap(new byte[1]));
        assertEquals(4, third.calls());
        assertEquals(1, third.fired());
        assertEquals(4, device.completed(DeviceOperation.PUT));
    }

    @Test
    void armedAndDisarmedAtRuntime() throws IOException {
        device.put(data(1), heap(new byte[1]));
        ArmedFault every = device.arm(Fault.fail(DeviceOperation.PUT));
        assertThrows(DeviceException.class, () -> device.put(data(2), heap(new byte[1])));
        assertThrows(DeviceException.class, () -> device.put(index(2), heap(new byte[1])));
        device.get(data(1), ByteRange.ALL); // other operations are untouched
        every.disarm();
        device.put(data(2), heap(new byte[1]));
        assertEquals(2, device.injectedFailures());
    }

    @Test
    void fromNthLetsCallsThroughThenBreaksDown() throws IOException {
        device.arm(Fault.fail(DeviceOperation.DELETE).fromNth(3));
        device.delete(data(1));
        device.delete(data(2));
        assertThrows(DeviceException.class, () -> device.delete(data(3)));
        assertThrows(DeviceException.class, () -> device.delete(data(4)));
        assertEquals(2, device.completed(DeviceOperation.DELETE));
    }

    @Test
    void namePredicateSelectsBlobsAndNeverMatchesAList() throws IOException {
        device.arm(Fault.fail(DeviceOperation.GET, DeviceOperation.LIST).matching("ids ending in 7",
                name -> name.id().endsWith("7")));
        device.put(data(7), heap(new byte[1]));
        device.put(data(8), heap(new byte[1]));
        DeviceException e = assertThrows(DeviceException.class, () -> device.get(data(7), ByteRange.ALL));
        assertTrue(e.getMessage().contains("ids ending in 7"), e.getMessage());
        device.get(data(8), ByteRange.ALL);
        device.list(BlobType.DATA, info -> { });
    }

    @Test
    void typeFilterAppliesToListsAndNotToProbes() throws IOException {
        device.arm(Fault.fail(DeviceOperation.LIST, DeviceOperation.PROBE).of(BlobType.INDEX));
        assertThrows(DeviceException.class, () -> device.list(BlobType.INDEX, info -> { }));
        device.list(BlobType.DATA, info -> { });
        device.probe(16);
    }

    @Test
    void timeoutHangsUntilTheDeadlineThenNamesDeviceAndBlob() {
        device.arm(Fault.timeout(Duration.ofMillis(200), DeviceOperation.PUT).of(BlobType.DATA));
        long start = System.nanoTime();
        DeviceException e = assertThrows(DeviceException.class, () -> device.put(data(1), heap(new byte[1])));
        assertTrue(System.nanoTime() - start >= 200_000_000L, "returned before the deadline");
        assertTrue(e.getMessage().contains("'mem'") && e.getMessage().contains("put of " + data(1))
                && e.getMessage().contains("timed out"), e.getMessage());
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals(Optional.empty(), memory.stat(data(1)), "a timed-out put reached the device");
    }

    @Test
    void aHangingCallEndsOnInterrupt() throws Exception {
        device.arm(Fault.timeout(Duration.ofMinutes(10), DeviceOperation.STAT));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                device.stat(data(1));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        org.awaitility.Awaitility.await().until(() -> caller.getState() == Thread.State.TIMED_WAITING);
        caller.interrupt();
        caller.join();
        assertInstanceOf(InterruptedIOException.class, thrown.get());
    }

    @Test
    void lostReplyStoresTheBlobButReportsFailure() throws IOException {
        device.arm(Fault.fail(DeviceOperation.PUT).afterCall().nth(1));
        assertThrows(DeviceException.class, () -> device.put(data(1), heap(new byte[] {5})));
        assertEquals(1, memory.get(data(1), ByteRange.ALL).remaining(), "the put reached the device");
    }

    @Test
    void flipByteAndTruncateDamageOnlyWhatIsReturned() throws IOException {
        byte[] content = random(1000, 3);
        memory.put(data(1), heap(content));
        memory.put(index(1), heap(content));
        ArmedFault flip = device.arm(Fault.flipByte().of(BlobType.DATA));
        byte[] flipped = bytes(device.get(data(1), new ByteRange(100, 200)));
        assertEquals(200, flipped.length);
        assertEquals((byte) ~content[200], flipped[100], "the middle byte is inverted");
        assertArrayEquals(content, bytes(device.get(index(1), ByteRange.ALL)), "index blobs are not matched");
        flip.disarm();
        device.arm(Fault.truncate().of(BlobType.INDEX));
        assertEquals(500, device.get(index(1), ByteRange.ALL).remaining());
        assertArrayEquals(content, bytes(memory.get(data(1), ByteRange.ALL)), "the stored blob was changed");
        assertArrayEquals(content, bytes(device.get(data(1), ByteRange.ALL)));
    }

    @Test
    void removedDeviceRefusesEverythingAndIsOfflineUntilDisarmed() throws IOException {
        ArmedFault removed = device.arm(Fault.removed());
        DeviceException e = assertThrows(DeviceException.class, () -> device.put(data(1), heap(new byte[1])));
        assertTrue(e.getMessage().contains("device removed") && e.getMessage().contains("not recorded")
                && e.getMessage().contains(data(1).toString()), e.getMessage());
        assertThrows(DeviceException.class, () -> device.list(BlobType.DATA, info -> { }));
        assertThrows(DeviceException.class, () -> device.probe(1));
        assertEquals(DeviceState.OFFLINE, device.status().state());
        removed.disarm();
        assertEquals(DeviceState.IDLE, device.status().state());
        device.put(data(1), heap(new byte[1]));
    }

    @Test
    void busyForAPeriodEndsByItself() {
        device.busyFor("scrub", Duration.ofMillis(100));
        assertEquals("scrub", device.status().reason());
        org.awaitility.Awaitility.await().until(() -> device.status().state() == DeviceState.IDLE);
    }

    @Test
    void paceChangesAtRuntime() throws IOException {
        device.pace(Duration.ofMillis(60), 0);
        long start = System.nanoTime();
        device.stat(data(1));
        assertTrue(System.nanoTime() - start >= 60_000_000L, "no latency");
        device.pace(Duration.ZERO, 0);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Fault.fail().nth(0));
        assertThrows(IllegalArgumentException.class, () -> Fault.fail().randomly(2, 1));
        assertThrows(IllegalArgumentException.class, () -> Fault.flipByte().afterCall());
        assertThrows(IllegalArgumentException.class, () -> Fault.timeout(Duration.ofSeconds(-1)));
    }

    private static BlobName data(int i) {
        return BlobName.of(BlobType.DATA, "blob-" + i);
    }

    private static BlobName index(int i) {
        return BlobName.of(BlobType.INDEX, "blob-" + i);
    }
}
