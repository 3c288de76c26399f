package org.stowage.staging.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.staging.internal.store.StoreFixtures.BLOCK;
import static org.stowage.staging.internal.store.StoreFixtures.bytes;
import static org.stowage.staging.internal.store.StoreFixtures.object;
import static org.stowage.staging.internal.store.StoreFixtures.pack;
import static org.stowage.staging.internal.store.StoreFixtures.random;
import static org.stowage.staging.internal.store.StoreFixtures.small;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.repository.IntegrityException;

class StagingStoreTest {

    @TempDir
    Path dir;

    @Test
    void aStagedBlobReadsBackAsStagedAndSurvivesReopen() throws IOException {
        ByteBuffer content = random(3 * BLOCK + 17, 1);
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            StagedItem item = store.stage("tape1", pack("a1"), content);
            assertEquals(content.remaining(), item.sizeBytes());
            assertArrayEquals(bytes(content), bytes(store.read("tape1", pack("a1")).orElseThrow().content()));
            assertTrue(store.read("disk1", pack("a1")).isEmpty(), "staged per device");
        }
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            StagedContent read = store.read("tape1", pack("a1")).orElseThrow();
            assertArrayEquals(bytes(content), bytes(read.content()));
            assertEquals(content.remaining(), read.item().sizeBytes());
        }
    }

    @Test
    void theCallersBufferIsNeitherMovedNorKept() throws IOException {
        ByteBuffer content = random(BLOCK * 2, 2);
        content.position(5);
        byte[] expected = bytes(content);
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            store.stage("tape1", pack("a1"), content);
            assertEquals(5, content.position());
            content.put(10, (byte) ~content.get(10));
            assertArrayEquals(expected, bytes(store.read("tape1", pack("a1")).orElseThrow().content()));
        }
    }

    @Test
    void anEmptyBlobIsStagedToo() throws IOException {
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            store.stage("tape1", pack("empty"), ByteBuffer.allocate(0));
            assertEquals(0, store.read("tape1", pack("empty")).orElseThrow().content().remaining());
            assertEquals(1, store.list("tape1").size());
        }
    }

    @Test
    void listsOldestFirstAndARestagedBlobKeepsItsPlace() throws IOException {
        MutableClock clock = new MutableClock();
        try (StagingStore store = StagingStore.open(dir, small(1 << 20).withClock(clock))) {
            store.stage("tape1", pack("first"), random(100, 1));
            clock.advance();
            store.stage("tape1", pack("second"), random(100, 2));
            clock.advance();
            store.stage("disk1", pack("other"), random(100, 3));
            clock.advance();
            store.stage("tape1", pack("first"), random(200, 4)); // a newer version

            List<StagedItem> tape = store.list("tape1");
            assertEquals(List.of(pack("first"), pack("second")), tape.stream().map(StagedItem::name).toList());
            assertEquals(200, tape.get(0).sizeBytes());
            assertEquals(Instant.EPOCH, tape.get(0).firstStagedAt());
            assertEquals(Instant.EPOCH.plusSeconds(3), tape.get(0).stagedAt());

            DeviceUsage usage = store.usage("tape1");
            assertEquals(300, usage.stagedBytes());
            assertEquals(2, usage.items());
            assertEquals(pack("first"), usage.oldest().orElseThrow().name());
            assertEquals(List.of("disk1", "tape1"), store.usage().stream().map(DeviceUsage::deviceId).toList());
        }
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            assertEquals(List.of(pack("first"), pack("second")),
                    store.list("tape1").stream().map(StagedItem::name).toList(), "order survives a reopen");
        }
    }

    @Test
    void releaseIsIdempotentAndDurable() throws IOException {
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            store.stage("tape1", pack("a1"), random(BLOCK * 3, 1));
            assertTrue(store.release("tape1", pack("a1")));
            assertFalse(store.release("tape1", pack("a1")));
            assertFalse(store.release("tape2", pack("never")));
            assertEquals(0, store.usedBytes());
            assertEquals(0, store.usage("tape1").items());
        }
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            assertTrue(store.list("tape1").isEmpty());
            assertTrue(store.read("tape1", pack("a1")).isEmpty());
        }
    }

    @Test
    void aReleaseOfAnOlderVersionLeavesTheNewerOneStaged() throws IOException {
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            StagedItem drained = store.stage("tape1", pack("idx"), random(500, 1));
            StagedItem newer = store.stage("tape1", pack("idx"), random(600, 2));
            assertFalse(store.releaseIfUnchanged("tape1", pack("idx"), drained.version()));
            assertEquals(600, store.item("tape1", pack("idx")).orElseThrow().sizeBytes());
            assertTrue(store.releaseIfUnchanged("tape1", pack("idx"), newer.version()));
            assertTrue(store.item("tape1", pack("idx")).isEmpty());
        }
    }

    @Test
    void identicalBlocksAreStoredOnceAcrossObjectsAndDevices() throws IOException {
        ByteBuffer content = random(BLOCK * 8, 7);
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            store.stage("tape1", object("a"), content);
            long once = store.usedBytes();
            store.stage("tape2", object("a"), content);
            store.stage("tape1", object("b"), content);
            assertEquals(once, store.usedBytes());
            assertEquals(3L * content.remaining(), store.usage().stream().mapToLong(DeviceUsage::stagedBytes).sum());
            store.release("tape1", object("a"));
            store.release("tape2", object("a"));
            assertEquals(once, store.usedBytes(), "still referenced by tape1/b");
            assertArrayEquals(bytes(content), bytes(store.read("tape1", object("b")).orElseThrow().content()));
        }
    }

    @Test
    void aRangeReadsTheSameBytesAsTheWholeAcrossBlockBoundaries() throws IOException {
        ByteBuffer content = random(3 * BLOCK + 17, 3);
        byte[] all = bytes(content);
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            store.stage("tape1", pack("a1"), content);
            long[][] ranges = {{0, 0}, {0, BLOCK}, {BLOCK - 1, 2}, {BLOCK + 5, 2L * BLOCK}, {3L * BLOCK, 17},
                    {3L * BLOCK + 17, 0}, {0, all.length}};
            for (long[] r : ranges) {
                byte[] read = bytes(store.read("tape1", pack("a1"), ByteRange.of(r[0], r[1])).orElseThrow()
                        .content());
                assertArrayEquals(Arrays.copyOfRange(all, (int) r[0], (int) (r[0] + r[1])), read,
                        "range " + r[0] + "+" + r[1]);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.read("tape1", pack("a1"), ByteRange.of(3L * BLOCK, 18)));
            assertTrue(e.getMessage().contains("past the end") && e.getMessage().contains(all.length + " bytes"),
                    e.getMessage());
        }
    }

    @Test
    void aRangeReadsAndVerifiesOnlyTheBlocksItOverlaps() throws IOException {
        ByteBuffer content = random(BLOCK * 3, 4);
        byte[] all = bytes(content);
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            store.stage("tape1", pack("a1"), content);
        }
        flipOneByteOfBlock(1);
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            assertArrayEquals(Arrays.copyOfRange(all, 10, BLOCK), bytes(store.read("tape1", pack("a1"),
                    ByteRange.of(10, BLOCK - 10)).orElseThrow().content()), "block 0 alone");
            assertArrayEquals(Arrays.copyOfRange(all, 2 * BLOCK, 3 * BLOCK), bytes(store.read("tape1", pack("a1"),
                    ByteRange.of(2L * BLOCK, BLOCK)).orElseThrow().content()), "block 2 alone");
            StagedBlockDamagedException e = assertThrows(StagedBlockDamagedException.class,
                    () -> store.read("tape1", pack("a1"), ByteRange.of(BLOCK - 1, 2)));
            assertEquals(1, e.blockIndex());
        }
    }

    /** A pack's blocks are checked by their CRC32C, every other blob's by their SHA-256: both find the damage. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = BlobType.class, names = {"DATA", "INDEX"})
    void aDamagedBlockIsAnIntegrityErrorNamingObjectAndBlock(BlobType type) throws IOException {
        ByteBuffer content = random(BLOCK * 3, 9);
        BlobName name = BlobName.of(type, "a1");
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            store.stage("tape1", name, content);
        }
        flipOneByteOfBlock(1);
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            StagedBlockDamagedException e = assertThrows(StagedBlockDamagedException.class,
                    () -> store.read("tape1", name));
            assertEquals(1, e.blockIndex());
            assertEquals(name, e.name());
            assertTrue(e.getMessage().contains(name.toString()) && e.getMessage().contains("block 1"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(type == BlobType.DATA ? "CRC32C" : "content hashes to"),
                    e.getMessage());
            assertTrue(e instanceof IntegrityException);
            assertEquals(1, store.list("tape1").size(), "a damaged object stays staged");
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() throws IOException {
        try (StagingStore store = StagingStore.open(dir, small(1 << 20))) {
            IOException e = assertThrows(IOException.class, () -> StagingStore.open(dir, small(1 << 20)));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void aClosedStoreSaysSo() throws IOException {
        StagingStore store = StagingStore.open(dir, small(1 << 20));
        store.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.stage("tape1", pack("a"), random(1, 1)));
        assertTrue(e.getMessage().contains("closed"));
    }

    /** A clock tests move by hand, a second at a time. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.EPOCH;

        void advance() {
            now = now.plusSeconds(1);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Flips a byte in the data of block {@code index} of the first segment (full blocks before it). */
    private void flipOneByteOfBlock(int index) throws IOException {
        Path segment = Segment.pathOf(dir.resolve("segments"), 1);
        long at = index * (long) (BlockHeader.LENGTH + BLOCK) + BlockHeader.LENGTH + 100;
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, at);
            channel.write(ByteBuffer.wrap(new byte[] {(byte) ~one.get(0)}), at);
        }
    }
}
