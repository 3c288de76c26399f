package org.stowage.device.tape.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.heap;
import static org.stowage.device.testkit.TestBlobs.random;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.support.BusyWindows;

/** BUSY with the drive's reason while it positions or is held by another caller; OFFLINE without the medium. */
class TapeBusyTest {

    @TempDir
    Path library;

    private final SimulatedMotion motion = new SimulatedMotion();
    private final List<DeviceStatus> seen = new CopyOnWriteArrayList<>();

    private static BlobName data(String id) {
        return BlobName.of(BlobType.DATA, id);
    }

    private List<String> reasons() {
        return seen.stream().peek(s -> assertEquals(DeviceState.BUSY, s.state(), "while moving: " + s))
                .map(DeviceStatus::reason).distinct().toList();
    }

    @Test
    void busyWithReasonWhileLoadingLocatingRewindingAndStreaming() throws IOException {
        TapeDevice device = TapeFixture.virtual(library, 2, 16 * TapeFixture.MIB, 64, motion);
        motion.onWait(() -> seen.add(device.status()));
        device.put(data("a"), heap(random(10 * (int) TapeFixture.MIB, 1)));
        assertTrue(reasons().contains("loading cartridge L00001"), reasons().toString());
        assertTrue(reasons().contains("writing data/a"), reasons().toString());
        device.put(data("b"), heap(random(8 * (int) TapeFixture.MIB, 2))); // end of medium: to L00002
        seen.clear();
        device.get(data("a"), ByteRange.of(6_000_000, 10)); // beyond read-through: a locate
        assertTrue(reasons().contains("rewinding L00002"), reasons().toString());
        assertTrue(reasons().contains("loading cartridge L00001"), reasons().toString());
        assertTrue(reasons().stream().anyMatch(r -> r.startsWith("locating to 5.7 MiB on L00001")),
                reasons().toString());
        assertEquals(DeviceState.IDLE, device.status().state(), "idle after the work: " + device.status());
        assertEquals(0, device.status().queueDepth());
    }

    @Test
    void callersQueueForTheOneDriveAndStatusSaysSo() throws Exception {
        TapeDevice device = TapeFixture.virtual(library, 2, 16 * TapeFixture.MIB, 64, motion);
        AtomicBoolean once = new AtomicBoolean();
        motion.onWait(() -> {
            if (once.compareAndSet(false, true)) {
                CompletableFuture.runAsync(() -> {
                    try {
                        device.put(data("second"), heap(random(10, 2)));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                await().atMost(Duration.ofSeconds(30)).until(() -> device.status().queueDepth() == 2);
                seen.add(device.status());
            }
        });
        device.put(data("first"), heap(random(1000, 1)));
        assertTrue(seen.get(0).reason().endsWith("(1 more waiting for the drive)"), seen.get(0).reason());
        await().atMost(Duration.ofSeconds(30)).until(() -> device.stat(data("second")).isPresent());
    }

    @Test
    void operatorAndWindowsComeFirst() throws IOException {
        TapeDevice device = TapeFixture.virtual(library, 2, 4 * TapeFixture.MIB, 64, motion);
        device.setBusy("cleaning the drive", null);
        assertEquals("cleaning the drive", device.status().reason());
        device.clearBusy();
        assertEquals(DeviceState.IDLE, device.status().state());
        TapeDevice windowed = new TapeDevice(TapeFixture.descriptor("w", 0),
                new VirtualLibrary(library, 2, "L", 4 * TapeFixture.MIB, true), TapeTiming.INSTANT, 64,
                BusyWindows.parse("00:00-23:59", java.time.ZoneOffset.UTC), Clock.systemUTC(), motion);
        assertEquals(DeviceState.BUSY, windowed.status().state());
    }

    @Test
    void offlineWithReasonWhenTheLibraryFolderIsMissing() {
        Path missing = library.resolve("not-mounted");
        TapeDevice device = TapeFixture.virtual(missing, 2, 4 * TapeFixture.MIB, 64, motion);
        DeviceStatus status = device.status();
        assertEquals(DeviceState.OFFLINE, status.state());
        assertTrue(status.reason().contains(missing.toString()), status.reason());
        DeviceException e = assertThrows(DeviceException.class, () -> device.put(data("x"), heap(new byte[1])));
        assertTrue(e.getMessage().contains("vtape") && e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
