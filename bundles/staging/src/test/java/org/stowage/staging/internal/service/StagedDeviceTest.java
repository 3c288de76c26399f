package org.stowage.staging.internal.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.staging.internal.service.Fixture.content;
import static org.stowage.staging.internal.service.Fixture.heap;
import static org.stowage.staging.internal.service.Fixture.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobExistsException;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.MediaPosition;
import org.stowage.api.device.PositionedDevice;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.TestBlobs;

/** The view's put, reads, list, delete and optional interfaces, over a memory device made busy by the test kit. */
class StagedDeviceTest {

    @TempDir
    Path dir;

    private Fixture fixture;
    private final Fixture.RecordingDevice memory = new Fixture.RecordingDevice("nas");
    private final FaultyDevice device = FaultyDevice.wrap(memory).build();
    private Device view;

    @BeforeEach
    void open() throws IOException {
        fixture = Fixture.open(dir);
        view = fixture.staging.staged(device);
    }

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void aBusyDevicesPutIsStagedAndTheDeviceIsUntouched() throws IOException {
        device.setBusy("nightly sync");
        byte[] bytes = content(50_000, 1);
        view.put(pack("a1"), heap(bytes));
        assertEquals(0, device.completed(DeviceOperation.PUT), "the busy device was written");
        assertEquals(Optional.empty(), memory.stat(pack("a1")));
        assertEquals(1, fixture.store.usage("nas").items());
        assertEquals(Optional.of(new BlobInfo(pack("a1"), 50_000)), view.stat(pack("a1")));
        assertArrayEquals(bytes, TestBlobs.bytes(view.get(pack("a1"), ByteRange.ALL)));
        assertArrayEquals(TestBlobs.slice(bytes, 4000, 9000),
                TestBlobs.bytes(view.get(pack("a1"), ByteRange.of(4000, 9000))));
        ByteBuffer out = ByteBuffer.allocateDirect(100);
        view.get(pack("a1"), ByteRange.of(49_950, 50), out);
        assertEquals(50, out.position());
        assertThrows(DeviceException.class, () -> view.get(pack("a1"), ByteRange.of(49_990, 11)));
        assertEquals(DeviceState.BUSY, view.status().state());
    }

    @Test
    void anIdleDevicesPutGoesToTheDeviceUnlessBlobsWaitForIt() throws IOException {
        view.put(pack("b1"), heap(content(100, 2)));
        assertEquals(1, device.completed(DeviceOperation.PUT));
        device.setBusy("busy");
        view.put(pack("b2"), heap(content(100, 3)));
        device.clearBusy();
        view.put(pack("b3"), heap(content(100, 4)));
        assertEquals(1, device.completed(DeviceOperation.PUT), "b3 overtook b2, which waits in staging");
        assertEquals(2, fixture.store.usage("nas").items());
    }

    @Test
    void listAndStatMergeStagedAndStoredBlobsEachOnce() throws IOException {
        view.put(pack("c1"), heap(content(10, 5)));
        view.put(BlobName.of(BlobType.INDEX, "i1"), heap(content(20, 6)));
        device.setBusy("busy");
        view.put(pack("c2"), heap(content(30, 7)));
        memory.put(pack("c2"), heap(content(30, 7))); // drained but not yet released: on both
        Map<BlobName, Long> listed = new HashMap<>();
        view.list(BlobType.DATA, info -> assertEquals(null, listed.put(info.name(), info.size()), "twice: " + info));
        assertEquals(Map.of(pack("c1"), 10L, pack("c2"), 30L), listed);
        assertEquals(Optional.of(new BlobInfo(pack("c2"), 30)), view.stat(pack("c2")));
    }

    @Test
    void writeOnceHoldsForStagedBlobsAndForBlobsTheBusyDeviceHolds() throws IOException {
        view.put(pack("d0"), heap(content(100, 8)));
        device.setBusy("busy");
        byte[] first = content(10_000, 9);
        view.put(pack("d1"), heap(first));
        view.put(pack("d1"), TestBlobs.direct(first));
        byte[] other = first.clone();
        other[9_999] ^= 1;
        assertThrows(BlobExistsException.class, () -> view.put(pack("d1"), heap(other)));
        assertArrayEquals(first, TestBlobs.bytes(view.get(pack("d1"), ByteRange.ALL)));
        view.put(pack("d0"), heap(content(100, 8)));
        assertThrows(BlobExistsException.class, () -> view.put(pack("d0"), heap(content(100, 10))));
        assertEquals(1, fixture.store.usage("nas").items(), "d0 is on the device and must not be staged");
    }

    @Test
    void deleteReleasesTheStagedCopyAndDeletesOnTheDevice() throws IOException {
        view.put(pack("e1"), heap(content(100, 11)));
        device.setBusy("busy");
        view.put(pack("e2"), heap(content(100, 12)));
        view.delete(pack("e1"));
        view.delete(pack("e2"));
        view.delete(pack("never"));
        assertEquals(Optional.empty(), view.stat(pack("e1")));
        assertEquals(Optional.empty(), view.stat(pack("e2")));
        assertEquals(0, fixture.store.usage("nas").items());
        assertEquals(0, fixture.staging.lockedNames(), "a name lock leaked");
    }

    @Test
    void offlineDevicesAndLocksAreNeverStagedFor() throws IOException {
        device.setBusy("busy");
        view.put(BlobName.of(BlobType.LOCK, "l1"), heap(content(10, 13)));
        assertTrue(memory.stat(BlobName.of(BlobType.LOCK, "l1")).isPresent(), "a lock must reach the device");
        device.arm(Fault.removed());
        assertEquals(DeviceState.OFFLINE, view.status().state());
        assertThrows(DeviceException.class, () -> view.put(pack("f1"), heap(content(10, 14))));
        assertEquals(0, fixture.store.usage("nas").items());
    }

    @Test
    void aPutThatFailsWhileTheDeviceTurnsBusyIsStagedAndAnIdleDevicesFailureIsNot() throws IOException {
        Flaky flaky = new Flaky();
        Device flakyView = fixture.staging.staged(flaky);
        flaky.failNext = true;
        flaky.busyOnFailure = true;
        flakyView.put(pack("g1"), heap(content(100, 15)));
        assertEquals(1, fixture.store.usage("flaky").items(), "the put that failed as the device turned busy");
        flaky.busy = false;
        fixture.store.release("flaky", pack("g1"));
        flaky.failNext = true;
        flaky.busyOnFailure = false;
        assertThrows(DeviceException.class, () -> flakyView.put(pack("g2"), heap(content(100, 16))),
                "an IDLE device's failure must not be hidden by staging");
        assertEquals(0, fixture.store.usage("flaky").items());
    }

    @Test
    void disabledStagingWritesToTheBusyDeviceButStillServesWhatIsStaged() throws IOException {
        device.setBusy("busy");
        view.put(pack("h1"), heap(content(100, 17)));
        fixture.close();
        try (Fixture disabled = Fixture.disabled(dir)) {
            Device off = disabled.staging.staged(device);
            off.put(pack("h2"), heap(content(100, 18)));
            assertTrue(memory.stat(pack("h2")).isPresent());
            assertArrayEquals(content(100, 17), TestBlobs.bytes(off.get(pack("h1"), ByteRange.ALL)));
        }
        fixture = Fixture.open(dir);
    }

    @Test
    void aPositionedDevicesViewIsPositionedAndAStagedBlobHasNoPosition() throws IOException {
        Tape tape = new Tape();
        Device tapeView = fixture.staging.staged(tape);
        assertTrue(tapeView instanceof PositionedDevice);
        assertFalse(view instanceof PositionedDevice, "a disk's view must not claim positions");
        tapeView.put(pack("t1"), heap(content(100, 19)));
        tape.busy = true;
        tapeView.put(pack("t2"), heap(content(100, 20)));
        PositionedDevice positioned = (PositionedDevice) tapeView;
        assertEquals(Optional.of(new MediaPosition("ST0001L8", 1)), positioned.position(pack("t1")));
        assertEquals(Optional.empty(), positioned.position(pack("t2")));
    }

    /** Fails the next put when told to, turning BUSY as it does if told so. */
    private static final class Flaky extends Fixture.RecordingDevice {
        volatile boolean busy;
        volatile boolean failNext;
        volatile boolean busyOnFailure;

        Flaky() {
            super("flaky");
        }

        @Override
        public DeviceStatus status() {
            DeviceStatus status = super.status();
            return busy ? new DeviceStatus(DeviceState.BUSY, "saturated", 0, 9, status.usedBytes(), -1) : status;
        }

        @Override
        public void put(BlobName name, ByteBuffer content) throws DeviceException {
            if (failNext) {
                failNext = false;
                busy = busyOnFailure;
                throw new DeviceException("flaky", "put of " + name + " failed: connection reset");
            }
            super.put(name, content);
        }
    }

    /** A memory "tape" that knows where its blobs lie and can be made busy. */
    private static final class Tape extends Fixture.RecordingDevice implements PositionedDevice {
        volatile boolean busy;

        Tape() {
            super("tape1", AccessType.SEQUENTIAL);
        }

        @Override
        public DeviceStatus status() {
            DeviceStatus status = super.status();
            return busy ? new DeviceStatus(DeviceState.BUSY, "writing", 0, 1, status.usedBytes(), -1) : status;
        }

        @Override
        public Optional<MediaPosition> position(BlobName name) {
            int index = puts.indexOf(name);
            return index < 0 ? Optional.empty() : Optional.of(new MediaPosition("ST0001L8", index + 1));
        }
    }
}
