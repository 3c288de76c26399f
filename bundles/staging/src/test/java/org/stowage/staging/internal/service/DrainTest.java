package org.stowage.staging.internal.service;

import static org.awaitility.Awaitility.await;
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
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.staging.DrainResult;
import org.stowage.api.staging.DrainResult.End;
import org.stowage.device.testkit.TestBlobs;

/** Drains: order, stopping when busy, a kill between put and release, pause, one drain per device, the poller. */
class DrainTest {

    @TempDir
    Path dir;

    private Fixture fixture;
    private final Switchable device = new Switchable("tape1");
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
    void anIdleDeviceIsDrainedOldestFirstAndEachBlobReleased() throws IOException {
        stageWhileBusy("p3", "p1", "p2");
        DrainResult result = fixture.staging.drain("tape1");
        assertEquals(End.EMPTY, result.end());
        assertEquals(3, result.blobs());
        assertEquals(List.of(pack("p3"), pack("p1"), pack("p2")), device.puts);
        assertEquals(0, fixture.store.usage("tape1").items());
        assertArrayEquals(content(9000, 2), TestBlobs.bytes(view.get(pack("p1"), ByteRange.ALL)), "p1 came second");
    }

    @Test
    void aDrainStopsWhenTheDeviceTurnsBusyAndLeavesTheRestStaged() throws IOException {
        stageWhileBusy("q1", "q2", "q3");
        device.busyAfterPuts = 2;
        DrainResult result = fixture.staging.drain("tape1");
        assertEquals(End.DEVICE_BUSY, result.end());
        assertEquals(2, result.blobs());
        assertEquals(List.of(pack("q3")), fixture.store.list("tape1").stream().map(i -> i.name()).toList());
        DrainResult again = fixture.staging.drain("tape1");
        assertEquals(End.DEVICE_BUSY, again.end());
        assertEquals(0, again.blobs());
    }

    @Test
    void aKillBetweenPutAndReleaseDrainsThatBlobOnceMoreAfterTheRestartAndNothingElseChanges() throws IOException {
        stageWhileBusy("k1", "k2", "k3");
        device.killAfterPut = 2;
        assertThrows(Killed.class, () -> fixture.staging.drain("tape1"));
        assertEquals(List.of(pack("k1"), pack("k2")), device.puts, "k1 and k2 reached the device");
        assertEquals(2, fixture.store.usage("tape1").items(), "k2 was put but not released");
        fixture = fixture.reopen();
        fixture.staging.staged(device);
        DrainResult result = fixture.staging.drain("tape1");
        assertEquals(End.EMPTY, result.end());
        assertEquals(2, result.blobs(), "k2 (again, a no-op on the device) and k3");
        Set<BlobName> stored = new HashSet<>();
        device.list(BlobType.DATA, info -> stored.add(info.name()));
        assertEquals(Set.of(pack("k1"), pack("k2"), pack("k3")), stored);
        assertArrayEquals(content(9000, 2), TestBlobs.bytes(device.get(pack("k2"), ByteRange.ALL)));
        assertEquals(0, fixture.store.usage("tape1").items());
    }

    @Test
    void aPausedDeviceIsNotDrainedUntilResumedAndThePauseOutlastsARestart() throws IOException {
        stageWhileBusy("r1");
        fixture.staging.pause("tape1");
        assertEquals(End.PAUSED, fixture.staging.drain("tape1").end());
        fixture = fixture.reopen();
        fixture.staging.staged(device);
        assertTrue(fixture.staging.report("tape1").orElseThrow().paused());
        fixture.staging.poller(Runnable::run).run();
        assertEquals(List.of(), device.puts, "the poller drained a paused device");
        fixture.staging.resume("tape1");
        assertEquals(End.EMPTY, fixture.staging.drain("tape1").end());
        assertEquals(List.of(pack("r1")), device.puts);
    }

    @Test
    void neverTwoDrainsOfOneDeviceAtOnce() throws Exception {
        stageWhileBusy("s1", "s2");
        device.blockPuts = new CountDownLatch(1);
        CompletableFuture<DrainResult> first = CompletableFuture.supplyAsync(() -> drainUnchecked("tape1"));
        assertTrue(device.putEntered.await(10, TimeUnit.SECONDS));
        DrainResult second = fixture.staging.drain("tape1");
        assertEquals(End.ALREADY_DRAINING, second.end());
        assertTrue(fixture.staging.report("tape1").orElseThrow().draining());
        device.blockPuts.countDown();
        assertEquals(End.EMPTY, first.get(10, TimeUnit.SECONDS).end());
        assertEquals(List.of(pack("s1"), pack("s2")), device.puts);
    }

    @Test
    void thePollerDrainsADeviceThatTurnedIdleAndSizesStaging() throws IOException {
        Runnable poll = fixture.staging.poller(Runnable::run);
        device.busy = true;
        poll.run();
        view.put(pack("u1"), heap(content(9000, 7)));
        poll.run();
        assertEquals(List.of(), device.puts);
        assertTrue(fixture.staging.report().limitWhy().startsWith("limit "), fixture.staging.report().limitWhy());
        device.busy = false;
        poll.run();
        assertEquals(List.of(pack("u1")), device.puts);
        assertEquals(DeviceState.IDLE, fixture.staging.report("tape1").orElseThrow().state());
        assertThrows(IllegalArgumentException.class, () -> fixture.staging.drain("nobody"));
    }

    @Test
    void aFullStagingSpaceMakesPutsWaitForADrainAndNothingIsDropped() throws Exception {
        fixture.close();
        fixture = Fixture.open(dir, 20_000, Duration.ofSeconds(30));
        view = fixture.staging.staged(device);
        stageWhileBusy("w1", "w2");
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> putUnchecked("w3", 3));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !third.isDone());
        device.busy = false;
        assertEquals(End.EMPTY, fixture.staging.drain("tape1").end());
        third.get(10, TimeUnit.SECONDS);
        fixture.staging.drain("tape1");
        assertEquals(List.of(pack("w1"), pack("w2"), pack("w3")), device.puts);
    }

    @Test
    void aPutThatFindsNoRoomInTimeFailsWithStagingFull() throws IOException {
        fixture.close();
        fixture = Fixture.open(dir, 20_000, Duration.ofMillis(100));
        view = fixture.staging.staged(device);
        stageWhileBusy("x1", "x2");
        IOException e = assertThrows(org.stowage.api.staging.StagingFullException.class,
                () -> view.put(pack("x3"), heap(content(9000, 9))));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        assertFalse(fixture.store.item("tape1", pack("x3")).isPresent());
    }

    /** Stages the blobs (9000 bytes each, content seeded by position) while the device is busy. */
    private void stageWhileBusy(String... ids) throws IOException {
        device.busy = true;
        for (int i = 0; i < ids.length; i++) {
            view.put(pack(ids[i]), heap(content(9000, i + 1)));
        }
        assertEquals(List.of(), device.puts);
        device.busy = false;
    }

    private DrainResult drainUnchecked(String id) {
        try {
            return fixture.staging.drain(id);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void putUnchecked(String id, int seed) {
        try {
            view.put(pack(id), heap(content(9000, seed)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JVM dies right after a put returned (simulated: nothing after it in the drain runs). */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed after put");
        }
    }

    /** A memory device the test makes busy, turn busy after n puts, die after n puts, or hold puts. */
    static final class Switchable extends Fixture.RecordingDevice {
        volatile boolean busy;
        volatile int busyAfterPuts = -1;
        volatile int killAfterPut = -1;
        volatile CountDownLatch blockPuts;
        final CountDownLatch putEntered = new CountDownLatch(1);

        Switchable(String id) {
            super(id, org.stowage.api.device.AccessType.SEQUENTIAL);
        }

        @Override
        public DeviceStatus status() {
            DeviceStatus status = super.status();
            return busy ? new DeviceStatus(DeviceState.BUSY, "busy (test)", 0, 1, status.usedBytes(), -1) : status;
        }

        @Override
        public void put(BlobName name, ByteBuffer content) throws DeviceException {
            putEntered.countDown();
            if (blockPuts != null) {
                try {
                    blockPuts.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeviceException(descriptor().id(), "interrupted");
                }
            }
            super.put(name, content);
            if (puts.size() == busyAfterPuts) {
                busy = true;
            }
            if (puts.size() == killAfterPut) {
                killAfterPut = -1;
                throw new Killed();
            }
        }
    }
}
