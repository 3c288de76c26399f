package org.stowage.device.tape.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.bytes;
import static org.stowage.device.testkit.TestBlobs.heap;
import static org.stowage.device.testkit.TestBlobs.random;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.support.BusyWindows;

/**
 * LTFS rules on a plain temporary folder (no real LTFS mount was available here): one file per tape file, written
 * once, never rewritten or removed, a torn file skipped and left alone.
 */
class LtfsVolumeTest {

    @TempDir
    Path mount;

    private TapeDevice device() {
        return new TapeDevice(TapeFixture.descriptor("ltfs", 0), new LtfsVolume(mount, "L00001", 1L << 30, true),
                TapeTiming.INSTANT, 64, BusyWindows.NONE, Clock.systemUTC(), new SimulatedMotion());
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(mount.resolve(LtfsVolume.FOLDER))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void tapeFilesAreWrittenOnceAndATornOneIsSkippedNotReused() throws IOException {
        TapeDevice device = device();
        BlobName a = BlobName.of(BlobType.DATA, "a");
        BlobName b = BlobName.of(BlobType.DATA, "b");
        device.put(a, heap(random(5000, 1)));
        device.delete(a);
        assertEquals(List.of("00000000.tf", "00000001.tf", "00000002.tf"), files(), "label, blob, forget");
        byte[] blobFile = Files.readAllBytes(mount.resolve(LtfsVolume.FOLDER).resolve("00000001.tf"));
        Files.write(mount.resolve(LtfsVolume.FOLDER).resolve("00000003.tf"), new byte[] {0x53, 0x54}); // torn

        TapeDevice fresh = device();
        assertFalse(fresh.stat(a).isPresent(), "forgotten blob is back");
        fresh.put(b, heap(random(300, 2)));
        assertEquals(List.of("00000000.tf", "00000001.tf", "00000002.tf", "00000003.tf", "00000004.tf"), files());
        assertArrayEquals(blobFile, Files.readAllBytes(mount.resolve(LtfsVolume.FOLDER).resolve("00000001.tf")),
                "a tape file was rewritten");
        assertArrayEquals(random(300, 2), bytes(device().get(b, ByteRange.ALL)));
        assertTrue(fresh.position(b).orElseThrow().position() > 0);
    }

    @Test
    void offlineWhenTheVolumeIsNotMounted() {
        TapeDevice device = new TapeDevice(TapeFixture.descriptor("ltfs", 0),
                new LtfsVolume(mount.resolve("unmounted"), "L00001", 1L << 30, true), TapeTiming.INSTANT, 64,
                BusyWindows.NONE, Clock.systemUTC(), new SimulatedMotion());
        assertEquals(DeviceState.OFFLINE, device.status().state());
        assertTrue(device.status().reason().contains("LTFS mount point"), device.status().reason());
    }
}
