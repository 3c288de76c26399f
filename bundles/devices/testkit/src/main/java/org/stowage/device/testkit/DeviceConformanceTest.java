package org.stowage.device.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.bytes;
import static org.stowage.device.testkit.TestBlobs.direct;
import static org.stowage.device.testkit.TestBlobs.heap;
import static org.stowage.device.testkit.TestBlobs.random;
import static org.stowage.device.testkit.TestBlobs.slice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobExistsException;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceFullException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;

/**
 * The conformance suite of the {@link Device} contract: a driver's test extends it and supplies a fresh, empty
 * device per test; the driver is done when every test passes. Concurrency tests are in
 * {@link DeviceConcurrencyChecks}, run from here so that one subclass runs everything.
 *
 * <p>Capability hooks let drivers with other media run the suite: an append-only driver overrides
 * {@link #supportsDelete()}.
 */
public abstract class DeviceConformanceTest {

    /** Size of the "several MiB" blobs: not a power of two, to catch block-size assumptions. */
    protected static final int LARGE = 5 * 1024 * 1024 + 4_321;

    protected Device device;

    /**
     * A fresh, empty device for one test.
     *
     * @param capacityBytes the capacity limit, or 0 for none
     */
    protected abstract Device newDevice(long capacityBytes) throws Exception;

    /**
     * Whether delete frees the name (and space); false for append-only media, whose delete only forgets the blob
     * (it must no longer be listed or read) until the medium is recycled.
     */
    protected boolean supportsDelete() {
        return true;
    }

    @BeforeEach
    void createDevice() throws Exception {
        device = newDevice(0);
    }

    // --- put / get round trip -------------------------------------------------------------------------------

    @Test
    void emptyBlobRoundTrip() throws IOException {
        assertRoundTrip(data("empty"), new byte[0], false);
    }

    @Test
    void oneByteRoundTrip() throws IOException {
        assertRoundTrip(data("one"), new byte[] {42}, false);
    }

    @Test
    void severalMebibytesFromHeapBuffer() throws IOException {
        assertRoundTrip(data("large-heap"), random(LARGE, 1), false);
    }

    @Test
    void severalMebibytesFromDirectBuffer() throws IOException {
        assertRoundTrip(data("large-direct"), random(LARGE, 2), true);
    }

    @Test
    void putStoresFromPositionToLimitAndLeavesPositionUnchanged() throws IOException {
        byte[] all = random(100, 3);
        for (ByteBuffer buffer : List.of(heap(all), direct(all))) {
            BlobName name = data(buffer.isDirect() ? "window-direct" : "window-heap");
            buffer.position(10).limit(60);
            device.put(name, buffer);
            assertEquals(10, buffer.position(), "put moved the buffer's position");
            assertEquals(60, buffer.limit(), "put moved the buffer's limit");
            assertArrayEquals(slice(all, 10, 50), bytes(device.get(name, ByteRange.ALL)));
        }
    }

    @Test
    void everyTypeRoundTrips() throws IOException {
        for (BlobType type : BlobType.values()) {
            byte[] content = random(1000 + type.ordinal(), type.ordinal());
            assertRoundTrip(BlobName.of(type, "same-id"), content, false);
        }
    }

    // --- ranged get -----------------------------------------------------------------------------------------

    @Test
    void rangedGetReturnsExactlyTheRange() throws IOException {
        byte[] content = random(LARGE, 4);
        BlobName name = data("ranged");
        device.put(name, heap(content));
        assertRange(name, content, 0, 1);
        assertRange(name, content, 0, 4096);
        assertRange(name, content, 1_000_001, 77_777);
        assertRange(name, content, LARGE - 10, 10);
        assertRange(name, content, LARGE, 0);
        assertRange(name, content, 0, LARGE);
    }

    @Test
    void rangedGetPastTheEndFails() throws IOException {
        BlobName name = data("short");
        device.put(name, heap(random(100, 5)));
        assertThrows(DeviceException.class, () -> device.get(name, ByteRange.of(90, 11)));
        assertThrows(DeviceException.class, () -> device.get(name, ByteRange.of(101, 0)));
        assertThrows(DeviceException.class, () -> device.get(name, ByteRange.of(500, 1)));
    }

    @Test
    void rangedGetIntoABufferFillsItFromItsPosition() throws IOException {
        byte[] content = random(LARGE, 6);
        BlobName name = data("into");
        device.put(name, heap(content));
        for (boolean direct : new boolean[] {true, false}) {
            ByteBuffer out = direct ? ByteBuffer.allocateDirect(LARGE + 64) : ByteBuffer.allocate(LARGE + 64);
            out.position(7);
            device.get(name, ByteRange.of(1_000_001, 77_777), out);
            assertEquals(7 + 77_777, out.position(), "position must advance by the range length");
            assertEquals(LARGE + 64, out.limit(), "limit must not change");
            byte[] read = new byte[77_777];
            out.get(7, read);
            assertArrayEquals(Arrays.copyOfRange(content, 1_000_001, 1_000_001 + 77_777), read);
        }
    }

    @Test
    void rangedGetIntoABufferRefusesWholeBlobsTooSmallBuffersAndMissingBytes() throws IOException {
        BlobName name = data("into-short");
        device.put(name, heap(random(100, 7)));
        ByteBuffer out = ByteBuffer.allocateDirect(200);
        assertThrows(IllegalArgumentException.class, () -> device.get(name, ByteRange.ALL, out));
        assertThrows(IllegalArgumentException.class, () -> device.get(name, ByteRange.of(0, 100),
                ByteBuffer.allocateDirect(99)));
        assertThrows(DeviceException.class, () -> device.get(name, ByteRange.of(90, 11), out));
        assertThrows(BlobNotFoundException.class, () -> device.get(data("into-missing"), ByteRange.of(0, 1), out));
    }

    // --- missing blobs --------------------------------------------------------------------------------------

    @Test
    void getOfMissingBlobThrowsBlobNotFoundNamingBlobAndDevice() {
        BlobName name = data("missing");
        for (ByteRange range : List.of(ByteRange.ALL, ByteRange.of(0, 1))) {
            BlobNotFoundException e = assertThrows(BlobNotFoundException.class, () -> device.get(name, range));
            assertEquals(name, e.name());
            assertEquals(device.descriptor().id(), e.deviceId());
            assertTrue(e.getMessage().contains(name.toString()), "message does not name the blob: " + e);
            assertTrue(e.getMessage().contains(device.descriptor().id()), "message does not name the device: " + e);
        }
    }

    @Test
    void statReportsSizeOrEmpty() throws IOException {
        BlobName name = BlobName.of(BlobType.INDEX, "stat-me");
        assertEquals(Optional.empty(), device.stat(name));
        device.put(name, heap(random(1234, 6)));
        assertEquals(Optional.of(new BlobInfo(name, 1234)), device.stat(name));
        assertEquals(Optional.empty(), device.stat(BlobName.of(BlobType.DATA, "stat-me")), "types not kept apart");
    }

    // --- list -----------------------------------------------------------------------------------------------

    @Test
    void listVisitsEveryBlobOfTheTypeAndNoOther() throws IOException {
        Map<BlobName, Long> expected = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            BlobName name = data(String.format("%02x%s", i * 6, "-blob"));
            device.put(name, heap(random(i, i)));
            expected.put(name, (long) i);
        }
        device.put(BlobName.of(BlobType.INDEX, "00-blob"), heap(random(3, 3)));
        device.put(BlobName.of(BlobType.SNAPSHOT, "snap"), heap(random(5, 3)));
        assertEquals(expected, listSizes(BlobType.DATA));
        assertEquals(Map.of(BlobName.of(BlobType.INDEX, "00-blob"), 3L), listSizes(BlobType.INDEX));
        assertEquals(Map.of(BlobName.of(BlobType.SNAPSHOT, "snap"), 5L), listSizes(BlobType.SNAPSHOT));
        assertEquals(Map.of(), listSizes(BlobType.LOCK));
    }

    // --- write-once -----------------------------------------------------------------------------------------

    @Test
    void putOfSameContentAgainIsIdempotent() throws IOException {
        BlobName name = data("twice");
        byte[] content = random(10_000, 7);
        device.put(name, heap(content));
        long used = device.status().usedBytes();
        device.put(name, direct(content));
        assertArrayEquals(content, bytes(device.get(name, ByteRange.ALL)));
        assertEquals(used, device.status().usedBytes(), "idempotent put changed used bytes");
    }

    @Test
    void putOfOtherContentUnderSameNameFailsAndKeepsTheFirst() throws IOException {
        BlobName name = data("once");
        byte[] first = random(10_000, 8);
        device.put(name, heap(first));
        byte[] sameSize = first.clone();
        sameSize[9_999] ^= 1;
        assertThrows(BlobExistsException.class, () -> device.put(name, heap(sameSize)));
        assertThrows(BlobExistsException.class, () -> device.put(name, heap(random(10, 8))));
        assertThrows(BlobExistsException.class, () -> device.put(name, heap(new byte[0])));
        assertArrayEquals(first, bytes(device.get(name, ByteRange.ALL)));
    }

    // --- delete ---------------------------------------------------------------------------------------------

    @Test
    void deleteOfMissingBlobIsNoError() throws IOException {
        device.delete(data("never-stored"));
    }

    /** Every driver forgets a deleted blob; only drivers that free names ({@link #supportsDelete()}) reuse it. */
    @Test
    void deleteRemovesTheBlobAndIsIdempotent() throws IOException {
        BlobName name = data("doomed");
        BlobName other = BlobName.of(BlobType.INDEX, "doomed");
        device.put(name, heap(random(100, 9)));
        device.put(other, heap(random(100, 10)));
        device.delete(name);
        device.delete(name);
        assertEquals(Optional.empty(), device.stat(name));
        assertThrows(BlobNotFoundException.class, () -> device.get(name, ByteRange.ALL));
        assertEquals(Map.of(), listSizes(BlobType.DATA));
        assertEquals(Optional.of(new BlobInfo(other, 100)), device.stat(other), "delete hit another type");
        if (supportsDelete()) {
            byte[] again = random(50, 11);
            device.put(name, heap(again));
            assertArrayEquals(again, bytes(device.get(name, ByteRange.ALL)), "name not reusable after delete");
        }
    }

    // --- capacity -------------------------------------------------------------------------------------------

    @Test
    void capacityLimitIsEnforced() throws Exception {
        device = newDevice(1024 * 1024);
        device.put(data("first"), heap(random(600 * 1024, 12)));
        DeviceStatus status = device.status();
        assertTrue(status.freeBytes() >= 0 && status.freeBytes() <= 1024 * 1024 - 600 * 1024, "free: " + status);
        BlobName second = data("second");
        DeviceFullException e = assertThrows(DeviceFullException.class,
                () -> device.put(second, heap(random(600 * 1024, 13))));
        assertTrue(e.getMessage().contains(second.toString()), "message does not name the blob: " + e);
        assertEquals(Optional.empty(), device.stat(second), "rejected blob was stored");
        device.put(data("small"), heap(random(100 * 1024, 14)));
        if (supportsDelete()) {
            device.delete(data("first"));
            device.put(second, heap(random(600 * 1024, 13)));
        }
    }

    // --- probe and status -----------------------------------------------------------------------------------

    @Test
    void probeReportsBytesAndTimeAndLeavesNothingBehind() throws IOException {
        device.put(data("keep"), heap(random(10, 15)));
        long used = device.status().usedBytes();
        ProbeResult result = device.probe(1024 * 1024);
        assertEquals(device.descriptor().id(), result.deviceId());
        assertEquals(1024 * 1024, result.bytes());
        assertTrue(!result.elapsed().isNegative() && result.bytesPerSecond() > 0, "probe result: " + result);
        for (BlobType type : BlobType.values()) {
            Map<BlobName, Long> expected = type == BlobType.DATA ? Map.of(data("keep"), 10L) : Map.of();
            assertEquals(expected, listSizes(type), "probe left something in " + type);
        }
        assertEquals(used, device.status().usedBytes(), "probe changed used bytes");
    }

    @Test
    void statusIsIdleWhenIdleAndUsedBytesGrow() throws IOException {
        DeviceStatus before = device.status();
        assertEquals(DeviceState.IDLE, before.state(), "idle device reports " + before);
        assertEquals(0, before.queueDepth(), "idle device has a queue: " + before);
        assertEquals(0, before.usedBytes(), "fresh device is not empty: " + before);
        device.put(data("grow"), heap(random(50_000, 16)));
        DeviceStatus after = device.status();
        assertEquals(DeviceState.IDLE, after.state(), "idle device reports " + after);
        assertTrue(after.usedBytes() >= 50_000, "used bytes did not grow: " + after);
        assertTrue(after.trafficBytesPerSecond() >= 0, "negative traffic: " + after);
    }

    // --- concurrency ----------------------------------------------------------------------------------------

    @Test
    void concurrentPutsAndGetsOfDistinctBlobs() throws Exception {
        new DeviceConcurrencyChecks(device).distinctBlobs(8, 25);
    }

    @Test
    void concurrentPutsOfOneNameLetExactlyOneContentWin() throws Exception {
        new DeviceConcurrencyChecks(device).racingPuts(8);
    }

    @Test
    void listSeesOnlyCompleteBlobsWhilePutsRun() throws Exception {
        new DeviceConcurrencyChecks(device).listDuringPuts(8, LARGE / 8);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    protected static BlobName data(String id) {
        return BlobName.of(BlobType.DATA, id);
    }

    protected Map<BlobName, Long> listSizes(BlobType type) throws IOException {
        Map<BlobName, Long> sizes = new HashMap<>();
        List<BlobName> duplicates = new ArrayList<>();
        device.list(type, info -> {
            if (sizes.put(info.name(), info.size()) != null) {
                duplicates.add(info.name());
            }
        });
        assertEquals(List.of(), duplicates, "list visited blobs twice");
        return sizes;
    }

    private void assertRoundTrip(BlobName name, byte[] content, boolean directBuffer) throws IOException {
        ByteBuffer buffer = directBuffer ? direct(content) : heap(content);
        device.put(name, buffer);
        assertEquals(0, buffer.position(), "put moved the buffer's position");
        ByteBuffer read = device.get(name, ByteRange.ALL);
        assertEquals(0, read.position(), "get result not at position 0");
        assertEquals(content.length, read.remaining(), "get returned the wrong length");
        assertArrayEquals(content, bytes(read));
        assertEquals(Optional.of(new BlobInfo(name, content.length)), device.stat(name));
    }

    private void assertRange(BlobName name, byte[] content, int offset, int length) throws IOException {
        ByteBuffer read = device.get(name, ByteRange.of(offset, length));
        assertEquals(0, read.position(), "ranged get result not at position 0");
        assertEquals(length, read.remaining(), "ranged get returned the wrong length for " + offset + "+" + length);
        assertArrayEquals(slice(content, offset, length), bytes(read), "wrong bytes at " + offset + "+" + length);
    }
}
