package org.stowage.staging.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.staging.internal.store.StoreFixtures.BLOCK;
import static org.stowage.staging.internal.store.StoreFixtures.bytes;
import static org.stowage.staging.internal.store.StoreFixtures.crashImage;
import static org.stowage.staging.internal.store.StoreFixtures.cutRecords;
import static org.stowage.staging.internal.store.StoreFixtures.pack;
import static org.stowage.staging.internal.store.StoreFixtures.random;
import static org.stowage.staging.internal.store.StoreFixtures.small;
import static org.stowage.staging.internal.store.StoreFixtures.truncate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at any point: a crash image is a copy of the store's files taken while it runs (never closed), then torn
 * the way an interrupted write leaves it, and opened by a new store.
 */
class CrashRecoveryTest {

    private static final long CAPACITY = 8 << 20;

    @TempDir
    Path dir;
    @TempDir
    Path images;

    private int imageCount;

    @Test
    void aStoreThatWasNeverClosedKeepsEveryReturnedStageAndNoReleasedObject() throws IOException {
        ByteBuffer b = random(3 * BLOCK, 2);
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), random(3 * BLOCK, 1));
            store.stage("tape1", pack("b"), b);
            store.release("tape1", pack("a"));
            try (StagingStore recovered = StagingStore.open(image(), small(CAPACITY))) {
                assertEquals(List.of(pack("b")), names(recovered));
                assertArrayEquals(bytes(b), bytes(recovered.read("tape1", pack("b")).orElseThrow().content()));
            }
        }
    }

    @Test
    void aStageTornAtAnyByteOfItsJournalRecordIsDiscardedWhole() throws IOException {
        ByteBuffer a = random(2 * BLOCK + 5, 1);
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), a);
            long endOfA = Files.size(dir.resolve("journal"));
            store.stage("tape1", pack("b"), random(5 * BLOCK, 2));
            long endOfB = Files.size(dir.resolve("journal"));
            for (long cut = endOfA; cut < endOfB; cut++) {
                Path image = image();
                truncate(image.resolve("journal"), cut);
                try (StagingStore recovered = StagingStore.open(image, small(CAPACITY))) {
                    assertEquals(List.of(pack("a")), names(recovered), "cut at " + cut);
                    assertArrayEquals(bytes(a), bytes(recovered.read("tape1", pack("a")).orElseThrow().content()));
                    assertEquals(BlockHeader.LENGTH * 3L + a.remaining(), recovered.usedBytes(),
                            "b's blocks are not live");
                }
                try (StagingStore again = StagingStore.open(image, small(CAPACITY))) {
                    again.stage("tape1", pack("c"), random(BLOCK, 3));
                }
                try (StagingStore again = StagingStore.open(image, small(CAPACITY))) {
                    assertEquals(List.of(pack("a"), pack("c")), names(again), "records after a cut tail replay");
                }
            }
        }
    }

    @Test
    void aReleaseTornBeforeItReturnedLeavesTheObjectStaged() throws IOException {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), random(BLOCK, 1));
            long beforeRelease = Files.size(dir.resolve("journal"));
            store.release("tape1", pack("a"));
            Path image = image();
            truncate(image.resolve("journal"), beforeRelease + 7);
            try (StagingStore recovered = StagingStore.open(image, small(CAPACITY))) {
                assertEquals(List.of(pack("a")), names(recovered));
            }
        }
    }

    @Test
    void garbageAfterTheLastRecordIsCutOff() throws IOException {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), random(BLOCK, 1));
            Path image = image();
            long size = Files.size(image.resolve("journal"));
            Files.write(image.resolve("journal"), new byte[100], StandardOpenOption.APPEND);
            try (StagingStore recovered = StagingStore.open(image, small(CAPACITY))) {
                assertEquals(List.of(pack("a")), names(recovered));
            }
            assertEquals(size, Files.size(image.resolve("journal")));
        }
    }

    @Test
    void aTornSegmentTailWithoutItsJournalRecordIsReclaimed() throws IOException {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), random(BLOCK, 1));
            long endOfA = Files.size(dir.resolve("journal"));
            store.stage("tape1", pack("b"), random(4 * BLOCK, 2));
            Path image = image();
            truncate(image.resolve("journal"), endOfA);
            Path segment = Segment.pathOf(image.resolve("segments"), 1);
            cutRecords(segment, BLOCK / 2); // b's last block half written
            try (StagingStore recovered = StagingStore.open(image, small(CAPACITY))) {
                assertEquals(List.of(pack("a")), names(recovered));
                assertEquals(BLOCK, recovered.read("tape1", pack("a")).orElseThrow().content().remaining());
                recovered.stage("tape1", pack("c"), random(BLOCK, 3)); // goes to a new segment, not after the tear
                assertEquals(BLOCK, recovered.read("tape1", pack("c")).orElseThrow().content().remaining());
            }
        }
    }

    @Test
    void aBlockLostDespiteItsRecordIsReportedOnlyForItsObject() throws IOException {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), random(BLOCK, 1));
            store.stage("tape1", pack("b"), random(2 * BLOCK, 2));
            Path image = image();
            Path segment = Segment.pathOf(image.resolve("segments"), 1);
            cutRecords(segment, 10); // a disk that lied about fsync
            try (StagingStore recovered = StagingStore.open(image, small(CAPACITY))) {
                assertEquals(BLOCK, recovered.read("tape1", pack("a")).orElseThrow().content().remaining());
                StagedBlockDamagedException e = assertThrows(StagedBlockDamagedException.class,
                        () -> recovered.read("tape1", pack("b")));
                assertEquals(1, e.blockIndex());
            }
        }
    }

    @Test
    void damageFollowedByAValidRecordIsNotMistakenForATornTail() throws IOException {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), random(BLOCK, 1));
            store.stage("tape1", pack("b"), random(BLOCK, 2));
            Path image = image();
            Path journal = image.resolve("journal");
            long size = Files.size(journal);
            try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(new byte[] {0x7f}), Journal.HEADER_LENGTH + 20);
            }
            IOException e = assertThrows(IOException.class, () -> StagingStore.open(image, small(CAPACITY)));
            assertTrue(e.getMessage().contains("not a torn tail"), e.getMessage());
            assertEquals(size, Files.size(journal), "nothing was cut");
        }
    }

    @Test
    void aCrashWhileCompactingTheJournalOrCreatingItLosesNothing() throws IOException {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), random(BLOCK, 1));
            Path image = image();
            Files.write(image.resolve("journal.compacting"), new byte[] {1, 2, 3});
            try (StagingStore recovered = StagingStore.open(image, small(CAPACITY))) {
                assertEquals(List.of(pack("a")), names(recovered));
            }
        }
        Path fresh = images.resolve("fresh");
        Files.createDirectories(fresh);
        Files.write(fresh.resolve("journal"), new byte[] {0x53, 0x4a}); // crash while the first journal was written
        try (StagingStore recovered = StagingStore.open(fresh, small(CAPACITY))) {
            assertTrue(recovered.usage().isEmpty());
        }
    }

    @Test
    void aCrashAfterAnyOperationRecoversExactlyTheOperationsThatReturned() throws IOException {
        List<List<BlobName0>> expected = new ArrayList<>();
        List<Path> crashes = new ArrayList<>();
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            java.util.Random random = new java.util.Random(11);
            for (int op = 0; op < 60; op++) {
                String id = "p" + random.nextInt(8);
                if (random.nextInt(3) == 0) {
                    store.release("tape1", pack(id));
                } else {
                    store.stage("tape1", pack(id), random(random.nextInt(3 * BLOCK), op));
                }
                expected.add(snapshot(store));
                crashes.add(image());
            }
        }
        for (int i = 0; i < crashes.size(); i++) {
            try (StagingStore recovered = StagingStore.open(crashes.get(i), small(CAPACITY))) {
                assertEquals(expected.get(i), snapshot(recovered), "crash after operation " + i);
            }
        }
    }

    /** Name, size and version of every staged object, oldest first: what must survive a crash unchanged. */
    private record BlobName0(String name, long size, long version) {
    }

    private static List<BlobName0> snapshot(StagingStore store) throws IOException {
        List<BlobName0> out = new ArrayList<>();
        for (StagedItem item : store.list("tape1")) {
            long read = store.read("tape1", item.name()).orElseThrow().content().remaining();
            assertEquals(item.sizeBytes(), read);
            out.add(new BlobName0(item.name().id(), item.sizeBytes(), item.version()));
        }
        return out;
    }

    private static List<org.stowage.api.device.BlobName> names(StagingStore store) {
        return store.list("tape1").stream().map(StagedItem::name).toList();
    }

    private Path image() throws IOException {
        return crashImage(dir, images.resolve("crash-" + imageCount++));
    }
}
