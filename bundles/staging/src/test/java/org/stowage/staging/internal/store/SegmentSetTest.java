package org.stowage.staging.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.stowage.staging.internal.store.StoreFixtures.bytes;
import static org.stowage.staging.internal.store.StoreFixtures.random;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stowage.api.device.support.DirectIo;

/**
 * Segment appends through the page cache and with {@code O_DIRECT}: every record reads back as written, across the
 * direct buffer's boundary, across segments and across a reopen, and the records of two stages never overlap.
 */
class SegmentSetTest {

    private static final Instant NOW = Instant.parse("2026-12-06T16:00:00Z");

    @TempDir
    Path dir;

    @Test
    void appendsBypassThePageCacheExactlyWhereTheFileSystemTakesODirect() throws IOException {
        boolean takesDirect;
        try {
            DirectIo.probe(dir.resolve("probe"));
            takesDirect = true;
        } catch (IOException e) {
            takesDirect = false;
        }
        try (SegmentSet segments = SegmentSet.open(dir.resolve("segments"), 1 << 20)) {
            assertEquals(takesDirect, segments.direct());
        }
        try (SegmentSet segments = SegmentSet.open(dir.resolve("buffered"), 1 << 20, false)) {
            assertFalse(segments.direct());
        }
        try (var left = Files.list(dir.resolve("segments"))) {
            assertTrue(left.noneMatch(file -> file.getFileName().toString().contains("probe")),
                    "the probe file is deleted");
        }
    }

    @ParameterizedTest(name = "tryDirect={0}")
    @ValueSource(booleans = {true, false})
    void everyRecordReadsBackAcrossBufferSegmentAndStageBoundaries(boolean tryDirect) throws IOException {
        Path folder = dir.resolve("segments");
        Map<BlockLocation, ByteBuffer> written = new LinkedHashMap<>();
        // 2 MiB segments: one stage fills the 1 MiB direct buffer more than once, and the stages cross segments
        try (SegmentSet segments = SegmentSet.open(folder, 2 << 20, tryDirect)) {
            int seed = 0;
            for (int stage = 0; stage < 6; stage++) {
                int large = stage == 2 ? 1_500_000 : 65_536;
                for (int size : new int[] {65_536, 1_000, large, 4_095, 300_001, 7}) {
                    ByteBuffer data = random(size, seed++);
                    written.put(segments.append(header(data), data), data);
                }
                segments.forceWritten();
                assertNoOverlap(new ArrayList<>(written.keySet()));
            }
            assertTrue(written.keySet().stream().mapToLong(BlockLocation::segment).distinct().count() > 1,
                    "the stages crossed segments");
            assertAllRead(segments, written);
        }
        try (SegmentSet reopened = SegmentSet.open(folder, 2 << 20, tryDirect)) {
            assertAllRead(reopened, written);
        }
    }

    @Test
    void afterAStageDirectAppendsEndOnABlockBoundary() throws IOException {
        try (SegmentSet segments = SegmentSet.open(dir.resolve("segments"), 64 << 20)) {
            assumeTrue(segments.direct(), "this file system refuses O_DIRECT (the buffered path is tested above)");
            ByteBuffer first = random(10_001, 1);
            BlockLocation a = segments.append(header(first), first);
            segments.forceWritten();
            ByteBuffer second = random(10_001, 2);
            BlockLocation b = segments.append(header(second), second);
            segments.forceWritten();
            int blockSize = DirectIo.probe(dir.resolve("probe"));
            assertEquals(0, a.offset());
            assertEquals(0, b.offset() % blockSize, "the second stage starts on a block boundary");
            assertTrue(b.offset() >= a.offset() + BlockHeader.LENGTH + a.length());
            assertEquals(segments.diskBytes(), Files.size(Segment.pathOf(dir.resolve("segments"), b.segment())));
        }
    }

    private static BlockHeader header(ByteBuffer data) {
        return new BlockHeader(NOW, data.remaining(), 0, BlockId.hashOf(data.duplicate()), BlockIdentity.CONTENT_HASH);
    }

    private static void assertAllRead(SegmentSet segments, Map<BlockLocation, ByteBuffer> written) throws IOException {
        for (var entry : written.entrySet()) {
            BlockLocation location = entry.getKey();
            ByteBuffer record = segments.get(location.segment()).orElseThrow().read(location);
            BlockRef ref = new BlockRef(BlockId.hashOf(entry.getValue().duplicate()), location);
            assertEquals("", BlockVerifier.problem(record, ref).orElse(""), "record at " + location);
            assertArrayEquals(bytes(entry.getValue()), bytes(BlockVerifier.data(record)));
        }
    }

    private static void assertNoOverlap(List<BlockLocation> locations) {
        for (int i = 0; i < locations.size(); i++) {
            for (int j = i + 1; j < locations.size(); j++) {
                BlockLocation a = locations.get(i);
                BlockLocation b = locations.get(j);
                boolean apart = a.segment() != b.segment()
                        || a.offset() + BlockHeader.LENGTH + a.length() <= b.offset()
                        || b.offset() + BlockHeader.LENGTH + b.length() <= a.offset();
                assertTrue(apart, a + " overlaps " + b);
            }
        }
    }
}
