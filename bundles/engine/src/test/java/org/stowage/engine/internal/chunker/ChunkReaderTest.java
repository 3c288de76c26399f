package org.stowage.engine.internal.chunker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The read-ahead bound a backup from replicas relies on: same chunks, never more than one max read ahead. */
class ChunkReaderTest {

    private static final int MIN = 4 << 10;
    private static final int AVG = 16 << 10;
    private static final int MAX = 64 << 10;

    private final Chunker chunker = new Chunker(7, MIN, AVG, MAX);
    private final byte[] data = new byte[3 << 20];

    ChunkReaderTest() {
        new Random(3).nextBytes(data);
    }

    @Test
    void boundedReadAheadCutsTheSameChunksAndHoldsAtMostOneMaxBeyondTheLastChunk() throws IOException {
        Source whole = new Source();
        List<Integer> reference = lengths(new ChunkReader(chunker, whole, new byte[2 * MAX]), whole, Long.MAX_VALUE);
        Source bounded = new Source();
        List<Integer> cut = lengths(new ChunkReader(chunker, bounded, new byte[2 * MAX], MAX), bounded, MAX);
        assertEquals(reference, cut);
        assertTrue(reference.size() > 100, "too few chunks to mean anything: " + reference.size());
    }

    @Test
    void readAheadOutsideOneMaxToTheBufferIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkReader(chunker, new Source(), new byte[2 * MAX],
                MAX - 1));
        assertThrows(IllegalArgumentException.class, () -> new ChunkReader(chunker, new Source(), new byte[2 * MAX],
                2 * MAX + 1));
    }

    /** Chunk lengths, checking after each chunk that the source was read at most {@code bound} beyond it. */
    private List<Integer> lengths(ChunkReader reader, Source source, long bound) throws IOException {
        List<Integer> lengths = new ArrayList<>();
        long consumed = 0;
        for (ByteBuffer chunk = reader.next(); chunk != null; chunk = reader.next()) {
            consumed += chunk.remaining();
            lengths.add(chunk.remaining());
            assertTrue(source.position - (consumed - chunk.remaining()) <= bound, "read " + source.position
                    + " bytes with the chunk at " + (consumed - chunk.remaining()));
        }
        assertEquals(data.length, consumed);
        return lengths;
    }

    /** The data in reads of odd sizes, as a file system or network mount may return them. */
    private final class Source implements ReadableByteChannel {

        long position;

        @Override
        public int read(ByteBuffer dst) {
            if (position == data.length) {
                return -1;
            }
            int n = (int) Math.min(Math.min(dst.remaining(), 40_000), data.length - position);
            dst.put(data, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
