package org.stowage.device.disk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.bytes;
import static org.stowage.device.testkit.TestBlobs.heap;
import static org.stowage.device.testkit.TestBlobs.random;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceFullException;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.support.BusyWindows;

/** Disk-specific behaviour beyond the conformance suite: layout, crash leftovers, restart, offline, busy. */
class DiskDeviceTest {

    @TempDir
    Path root;

    @Test
    void laysBlobsOutByTypeWithDataSharded() throws IOException {
        DiskDevice device = device(root, 0);
        device.put(BlobName.of(BlobType.DATA, "abcdef"), heap(new byte[] {1}));
        device.put(BlobName.of(BlobType.INDEX, "abcdef"), heap(new byte[] {2}));
        device.put(BlobName.of(BlobType.KEY, "k1"), heap(new byte[] {3}));
        device.put(BlobName.of(BlobType.DATA, "z"), heap(new byte[] {4}));
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(root.resolve("data/ab/abcdef")));
        assertArrayEquals(new byte[] {2}, Files.readAllBytes(root.resolve("index/abcdef")));
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(root.resolve("keys/k1")));
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(root.resolve("data/z/z")));
    }

    @Test
    void tempFileOfAPutInProgressIsNeverSeen() throws Exception {
        HeldPuts held = new HeldPuts(1);
        DiskDevice device = new DiskDevice(descriptor(0), root, 2, Clock.systemUTC(), held);
        BlobName name = BlobName.of(BlobType.DATA, "abcd");
        try (HeldPuts.Running put = held.start(device, name, random(10_000, 1))) {
            held.awaitHeld();
            assertEquals(1, files(root.resolve("data/ab")).stream().filter(DiskLayout::isTemp).count(),
                    "the put is not between write and rename");
            List<BlobInfo> listed = new java.util.ArrayList<>();
            device.list(BlobType.DATA, listed::add);
            assertEquals(List.of(), listed);
            assertEquals(Optional.empty(), device.stat(name));
            held.release();
            put.await();
        }
        assertEquals(Optional.of(new BlobInfo(name, 10_000)), device.stat(name));
        assertEquals(List.of(root.resolve("data/ab/abcd")), files(root.resolve("data/ab")));
    }

    @Test
    void aRemovedDeviceRefusesEverythingCommitsNoPutInFlightAndANewInstanceFindsTheFiles() throws Exception {
        DiskDevice device = device(root, 0);
        BlobName kept = BlobName.of(BlobType.DATA, "aa01");
        device.put(kept, heap(random(100, 4)));
        HeldPuts held = new HeldPuts(1);
        DiskDevice holding = new DiskDevice(descriptor(0), root, 2, Clock.systemUTC(), held);
        BlobName inFlight = BlobName.of(BlobType.DATA, "bb01");
        try (HeldPuts.Running put = held.start(holding, inFlight, random(1000, 5))) {
            held.awaitHeld();
            holding.remove();
            held.release();
            Exception e = assertThrows(Exception.class, put::await);
            assertTrue(e.toString().contains("the device was removed") && e.toString().contains("put of data/bb01")
                    && e.toString().contains("was not recorded"), e.toString());
        }
        assertEquals(List.of(), files(root.resolve("data/bb")), "the put in flight left its blob or temp file");
        device.remove();
        DeviceException refused = assertThrows(DeviceException.class, () -> device.get(kept, ByteRange.ALL));
        assertEquals("device 'disk-test': the device was removed (driver bundle stopped or configuration deleted); "
                + "the get of data/aa01 was not recorded", refused.getMessage());
        assertThrows(DeviceException.class, () -> device.list(BlobType.DATA, info -> { }));
        assertThrows(DeviceException.class, () -> device.probe(10));
        assertEquals(DeviceState.OFFLINE, device.status().state());
        assertTrue(device.status().reason().contains("removed"), device.status().reason());
        DiskDevice back = device(root, 0);
        assertEquals(100, back.get(kept, ByteRange.ALL).remaining(), "files stay for the next instance");
    }

    @Test
    void abandonedTempFilesAreRemovedAtStartAndUsedBytesAreCounted() throws IOException {
        DiskDevice first = device(root, 0);
        first.put(BlobName.of(BlobType.DATA, "ab01"), heap(random(1000, 2)));
        first.put(BlobName.of(BlobType.SNAPSHOT, "s1"), heap(random(500, 3)));
        List<Path> abandoned = List.of(root.resolve("data/ab/.tmp-crashed"), root.resolve("snapshots/.tmp-crashed"),
                root.resolve(".tmp-probe"));
        FileTime beforeTheAge = FileTime.from(Instant.now().minus(DiskStatus.ABANDONED_TEMP_AGE).minusSeconds(60));
        for (Path temp : abandoned) {
            Files.setLastModifiedTime(Files.write(temp, new byte[300]), beforeTheAge);
        }

        DiskDevice second = device(root, 2000);
        for (Path temp : abandoned) {
            assertFalse(Files.exists(temp), temp.toString());
        }
        assertEquals(1500, second.status().usedBytes());
        assertThrows(DeviceFullException.class,
                () -> second.put(BlobName.of(BlobType.DATA, "ab02"), heap(new byte[501])));
        second.put(BlobName.of(BlobType.DATA, "ab02"), heap(new byte[500]));
        assertEquals(0, second.status().freeBytes());
    }

    /** Another process on the same root may be writing its temp file right now: its put must still commit. */
    @Test
    void aStartKeepsTheTempFilesOfPutsInFlight() throws IOException {
        device(root, 0).put(BlobName.of(BlobType.DATA, "ab01"), heap(random(1000, 2)));
        Path inFlight = Files.write(root.resolve("data/ab/.tmp-another-process"), new byte[300]);
        device(root, 0).status();
        assertTrue(Files.exists(inFlight));
    }

    /**
     * Two processes put one name with different content: the one that commits second must fail, not replace the
     * first one's blob (a rename would; {@link DurableFiles#commitNew} links).
     */
    @Test
    void aBlobAnotherProcessCommittedAfterThisOneLookedIsNeverReplaced() throws IOException {
        Path folder = Files.createDirectories(root.resolve("config"));
        Path ours = Files.write(folder.resolve(".tmp-ours"), new byte[] {1, 1});
        Path theirs = Files.write(folder.resolve("config"), new byte[] {2, 2});
        assertFalse(DurableFiles.commitNew(ours, theirs));
        assertArrayEquals(new byte[] {2, 2}, Files.readAllBytes(theirs));
        assertFalse(Files.exists(ours), "the temp file is gone");
        Path next = Files.write(folder.resolve(".tmp-next"), new byte[] {3});
        assertTrue(DurableFiles.commitNew(next, folder.resolve("other")));
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(folder.resolve("other")));
        assertFalse(Files.exists(next));
    }

    @Test
    void offlineWhenRootIsMissingAndBackWhenItReturns() throws IOException {
        Path disk = Files.createDirectory(root.resolve("mnt"));
        DiskDevice device = device(disk, 0);
        device.put(BlobName.of(BlobType.DATA, "aa"), heap(new byte[10]));
        deleteTree(disk);

        DeviceStatus status = device.status();
        assertEquals(DeviceState.OFFLINE, status.state());
        assertTrue(status.reason().contains(disk.toString()), status.reason());
        DeviceException e = assertThrows(DeviceException.class,
                () -> device.put(BlobName.of(BlobType.DATA, "bb"), heap(new byte[10])));
        assertTrue(e.getMessage().contains("data/bb") && e.getMessage().contains(disk.toString()), e.getMessage());
        assertFalse(Files.exists(disk), "put re-created the missing root");

        Files.createDirectory(disk);
        assertEquals(DeviceState.IDLE, device.status().state());
        device.put(BlobName.of(BlobType.DATA, "bb"), heap(new byte[10]));
    }

    @Test
    void deviceCreatedWithoutItsRootStartsOfflineAndOpensLater() throws IOException {
        Path disk = root.resolve("not-mounted-yet");
        DiskDevice device = device(disk, 0);
        assertEquals(DeviceState.OFFLINE, device.status().state());
        Files.createDirectory(disk);
        Files.createDirectories(disk.resolve("index"));
        Files.write(disk.resolve("index/i1"), new byte[42]);
        assertEquals(DeviceState.IDLE, device.status().state());
        assertEquals(42, device.status().usedBytes());
    }

    @Test
    void busyWhenMoreOperationsThanMaxInFlight() throws Exception {
        HeldPuts held = new HeldPuts(2);
        DiskDevice device = new DiskDevice(descriptor(0), root, 1, Clock.systemUTC(), held);
        try (HeldPuts.Running one = held.start(device, BlobName.of(BlobType.DATA, "one"), random(100, 1))) {
            held.awaitHeld(1);
            assertEquals(DeviceState.IDLE, device.status().state(), "one in flight is within max.in.flight=1");
            try (HeldPuts.Running two = held.start(device, BlobName.of(BlobType.DATA, "two"), random(100, 2))) {
                held.awaitHeld(1);
                DeviceStatus busy = device.status();
                assertEquals(DeviceState.BUSY, busy.state());
                assertEquals(2, busy.queueDepth());
                assertTrue(busy.reason().contains("max.in.flight=1"), busy.reason());
                held.release();
                one.await();
                two.await();
            }
        }
        assertEquals(DeviceState.IDLE, device.status().state());
        assertEquals(0, device.status().queueDepth());
        assertTrue(device.status().trafficBytesPerSecond() > 0, "traffic of the puts not measured");
    }

    @Test
    void configuredBusyWindowMakesTheDeviceBusyWithTheWindowAsReason() {
        BusyWindows windows = BusyWindows.parse("01:00-03:00,22:30-23:00", ZoneOffset.UTC);
        DiskDevice inWindow = new DiskDevice(descriptor(0), root, 2, windows,
                Clock.fixed(Instant.parse("2026-01-01T22:45:00Z"), ZoneOffset.UTC), DiskDevice.CommitHook.NONE);
        assertEquals(DeviceState.BUSY, inWindow.status().state());
        assertEquals("configured busy window 22:30-23:00 (Z)", inWindow.status().reason());

        DiskDevice outside = new DiskDevice(descriptor(0), root, 2, windows,
                Clock.fixed(Instant.parse("2026-01-01T03:00:00Z"), ZoneOffset.UTC), DiskDevice.CommitHook.NONE);
        assertEquals(DeviceState.IDLE, outside.status().state(), "a window ends at its end time");
    }

    @Test
    void operatorBusyPeriodEndsAtItsDeadlineOrWhenCleared() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        DiskDevice device = new DiskDevice(descriptor(0), root, 2, Clock.fixed(now, ZoneOffset.UTC),
                DiskDevice.CommitHook.NONE);
        device.setBusy("disk scrub", now.plusSeconds(60));
        assertEquals(DeviceState.BUSY, device.status().state());
        assertTrue(device.status().reason().startsWith("disk scrub"), device.status().reason());
        device.clearBusy();
        assertEquals(DeviceState.IDLE, device.status().state());
        device.setBusy("already over", now.minusSeconds(1));
        assertEquals(DeviceState.IDLE, device.status().state());
    }

    @Test
    void rangedReadsComeFromTheFileAsDirectBuffers() throws IOException {
        DiskDevice device = device(root, 0);
        BlobName name = BlobName.of(BlobType.DATA, "ranged");
        byte[] content = random(100_000, 9);
        device.put(name, heap(content));
        var read = device.get(name, ByteRange.of(99_000, 1000));
        assertTrue(read.isDirect(), "not a direct buffer");
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 99_000, 100_000), bytes(read));
    }

    @Test
    void rangedReadsIntoTheCallersBufferLandAtItsPositionAndNeverShort() throws IOException {
        DiskDevice device = device(root, 0);
        BlobName name = BlobName.of(BlobType.DATA, "into");
        byte[] content = random(100_000, 11);
        device.put(name, heap(content));
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(5000).position(7);
        device.get(name, ByteRange.of(98_000, 2000), out);
        assertEquals(2007, out.position());
        assertEquals(5000, out.limit());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 98_000, 100_000),
                bytes(out.flip().position(7)));
        assertThrows(DeviceException.class,
                () -> device.get(name, ByteRange.of(99_500, 1000), java.nio.ByteBuffer.allocateDirect(1000)));
        assertThrows(IllegalArgumentException.class,
                () -> device.get(name, ByteRange.of(0, 1000), java.nio.ByteBuffer.allocateDirect(999)));
    }

    private static DiskDevice device(Path root, long capacity) {
        return new DiskDevice(descriptor(capacity), root, 2);
    }

    private static DeviceDescriptor descriptor(long capacity) {
        return new DeviceDescriptor("disk-test", "disk", DeviceKind.DISK, AccessType.RANDOM, capacity);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
