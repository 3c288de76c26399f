package org.stowage.engine.internal.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracking's durability: a restart keeps every dirty block, a crash makes the zones it had open dirty. */
class VolumeTrackerTest {

    @TempDir
    Path dir;

    @Test
    void aCrashMakesTheOpenZonesDirtyAndKeepsTheCheckpointedBlocks() throws IOException {
        Path image = image(128 << 20);
        Path live = dir.resolve("live");
        Path crashed = dir.resolve("crashed");
        try (VolumeTracker tracker = VolumeTracker.open("t", image, 4096, live)) {
            tracker.write(10 << 20, ByteBuffer.allocate(4096).put(0, (byte) 1)); // block 2560, zone 2
            tracker.flush();
            tracker.write(50 << 20, ByteBuffer.allocate(4096).put(0, (byte) 2)); // block 12800, zone 12
            Files.createDirectories(crashed); // the files as a crash right now would leave them
            for (String name : new String[] {"state", "intent"}) {
                Files.copy(live.resolve(name), crashed.resolve(name));
            }
        }
        try (VolumeTracker after = VolumeTracker.open("t", image, 4096, crashed)) {
            BitSet dirty = after.status().dirty();
            assertTrue(dirty.get(2560), "checkpointed before the crash");
            assertEquals(1024, dirty.get(12288, 13312).cardinality(), "zone 12 was open: all of it is dirty");
            assertEquals(1 + 1024, dirty.cardinality(), "nothing else");
            assertTrue(after.status().vouched());
        }
        try (VolumeTracker clean = VolumeTracker.open("t", image, 4096, live)) {
            BitSet dirty = clean.status().dirty();
            assertEquals(2, dirty.cardinality(), "a clean close keeps exactly the written blocks: " + dirty);
            assertTrue(dirty.get(2560) && dirty.get(12800));
        }
    }

    @Test
    void aDamagedStateIsReportedWithWhatToDo() throws IOException {
        Path image = image(1 << 20);
        Path state = dir.resolve("s");
        VolumeTracker.open("t", image, 4096, state).close();
        byte[] bytes = Files.readAllBytes(state.resolve("state"));
        bytes[10] ^= 1;
        Files.write(state.resolve("state"), bytes);
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> VolumeTracker.open("t", image, 4096, state));
        assertTrue(e.getMessage().contains("delete the folder"), e.getMessage());
    }

    private Path image(long size) throws IOException {
        Path image = dir.resolve("img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(size);
        }
        return image;
    }
}
