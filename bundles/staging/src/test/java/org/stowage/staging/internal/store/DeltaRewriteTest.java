package org.stowage.staging.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.staging.internal.store.StoreFixtures.BLOCK;
import static org.stowage.staging.internal.store.StoreFixtures.bytes;
import static org.stowage.staging.internal.store.StoreFixtures.object;
import static org.stowage.staging.internal.store.StoreFixtures.pack;
import static org.stowage.staging.internal.store.StoreFixtures.random;
import static org.stowage.staging.internal.store.StoreFixtures.small;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaRewriteTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void restagingA64MiBObjectWithOnePercentOfItsBlocksChangedGrowsTheStoreByAboutOnePercent() throws IOException {
        StoreOptions options = StoreOptions.withCapacity(512L * MIB); // production block (64 KiB) and segment sizes
        byte[] content = bytes(random(64 * MIB, 42));
        try (StagingStore store = StagingStore.open(dir, options)) {
            store.stage("tape1", object("big"), ByteBuffer.wrap(content));
            long diskBefore = store.diskBytes();
            long usedBefore = store.usedBytes();

            int blocks = content.length / options.blockSize();
            int changed = blocks / 100; // 10 of 1024 blocks, scattered
            Random random = new Random(7);
            for (int i = 0; i < changed; i++) {
                int block = i * (blocks / changed) + random.nextInt(blocks / changed);
                content[block * options.blockSize() + random.nextInt(options.blockSize())] ^= 0x5a;
            }
            store.stage("tape1", object("big"), ByteBuffer.wrap(content));

            double growth = (double) (store.diskBytes() - diskBefore) / diskBefore;
            assertTrue(growth > 0.005 && growth < 0.015, "store grew by " + growth * 100 + " %, expected about 1 %");
            assertEquals(usedBefore, store.usedBytes(), "the replaced blocks are no longer live");
            assertArrayEquals(content, bytes(store.read("tape1", object("big")).orElseThrow().content()));
        }
    }

    @Test
    void aRestagedPackIsWrittenWholeItsBlocksHaveUniqueIdsThatCheckTheirContent() throws IOException {
        ByteBuffer content = random(8 * BLOCK, 3);
        try (StagingStore store = StagingStore.open(dir, small(64 * MIB))) {
            store.stage("tape1", pack("p"), content);
            long once = store.usedBytes();
            long disk = store.diskBytes();
            store.stage("tape1", pack("p"), content);
            assertTrue(store.diskBytes() - disk >= once, "packs are never content-addressed: written again");
            assertEquals(once, store.usedBytes(), "the replaced version's blocks are no longer live");
            store.stage("tape2", pack("p"), content);
            assertEquals(2 * once, store.usedBytes(), "nor shared with another device's copy");
            assertArrayEquals(bytes(content), bytes(store.read("tape1", pack("p")).orElseThrow().content()));
            assertArrayEquals(bytes(content), bytes(store.read("tape2", pack("p")).orElseThrow().content()));
        }
    }

    @Test
    void releasingEverythingDeletesEverySealedSegment() throws IOException {
        try (StagingStore store = StagingStore.open(dir, small(4 * MIB))) {
            for (int i = 0; i < 40; i++) {
                store.stage("tape1", pack("p" + i), random(10 * BLOCK, i));
            }
            assertTrue(segmentFiles() > 5);
            for (int i = 0; i < 40; i++) {
                store.release("tape1", pack("p" + i));
            }
            assertEquals(0, store.usedBytes());
            assertTrue(segmentFiles() <= 1, "only the active segment may remain, found " + segmentFiles());
        }
        try (StagingStore store = StagingStore.open(dir, small(4 * MIB))) {
            assertEquals(0, segmentFiles(), "the last segment is sealed, dead and deleted at the next start");
            assertEquals(0, store.usage().size());
        }
    }

    /** A drain releases oldest first: a half-released segment dies whole soon, so without space pressure no copy. */
    @Test
    void aHalfReleasedSegmentIsNotCopiedWhileSpaceIsPlentiful() throws IOException {
        Path first = Segment.pathOf(dir.resolve("segments"), 1);
        try (StagingStore store = StagingStore.open(dir, small(64 * MIB))) {
            int packs = 0; // one-block packs into three quarters of the first 64 KiB segment (padding takes room)
            while (packs == 0 || Files.size(first) < 48 * 1024) {
                store.stage("tape1", pack("p" + packs), random(BLOCK, packs));
                packs++;
            }
            store.stage("tape1", pack("next"), random(4 * BLOCK, 99)); // fills the first segment
            store.stage("tape1", pack("after"), random(16 * BLOCK, 98)); // a segment's worth: seals segment 1
            for (int i = 0; i < packs - 3; i++) {
                store.release("tape1", pack("p" + i));
            }
            assertTrue(Files.exists(first), "segment 1 was not copied");
            for (int i = packs - 3; i < packs; i++) {
                store.release("tape1", pack("p" + i));
            }
            store.release("tape1", pack("next"));
            assertTrue(Files.notExists(first), "dead, segment 1 is deleted");
        }
    }

    @Test
    void aMostlyDeadSegmentIsCompactedUnderSpacePressureAndItsLiveBlocksStillRead() throws IOException {
        ByteBuffer keep = random(2 * BLOCK, 1000);
        // 128 KiB: the 14 released blocks' 56 KiB are more dead bytes than a quarter of it
        try (StagingStore store = StagingStore.open(dir, small(128 * 1024))) {
            store.stage("tape1", pack("keep"), keep);
            for (int i = 0; i < 14; i++) { // fills the first 64 KiB segment with objects that are released
                store.stage("tape1", pack("gone" + i), random(BLOCK, i));
            }
            store.stage("tape1", pack("next"), random(4 * BLOCK, 99)); // seals segment 1
            assertTrue(Files.exists(Segment.pathOf(dir.resolve("segments"), 1)));
            for (int i = 0; i < 14; i++) {
                store.release("tape1", pack("gone" + i));
            }
            assertTrue(Files.notExists(Segment.pathOf(dir.resolve("segments"), 1)), "segment 1 was compacted");
            assertArrayEquals(bytes(keep), bytes(store.read("tape1", pack("keep")).orElseThrow().content()));
        }
        try (StagingStore store = StagingStore.open(dir, small(128 * 1024))) {
            assertArrayEquals(bytes(keep), bytes(store.read("tape1", pack("keep")).orElseThrow().content()),
                    "the MOVE record is replayed");
        }
    }

    @Test
    void theJournalIsCompactedWhenItGrowsAndReplaysTheSame() throws IOException {
        StoreOptions options = small(4 * MIB).withJournalCompactMinBytes(16 * 1024);
        try (StagingStore store = StagingStore.open(dir, options)) {
            for (int round = 0; round < 200; round++) {
                store.stage("tape1", pack("p" + (round % 5)), random(BLOCK + round, round));
                if (round % 3 == 0) {
                    store.release("tape1", pack("p" + ((round + 2) % 5)));
                }
            }
            assertTrue(Files.size(dir.resolve("journal")) < 32 * 1024, "journal compacted");
        }
        try (StagingStore before = StagingStore.open(dir, options)) {
            for (StagedItem item : before.list("tape1")) {
                assertEquals(item.sizeBytes(), before.read("tape1", item.name()).orElseThrow().content().remaining());
            }
        }
    }

    private long segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            return files.count();
        }
    }
}
