package org.stowage.engine.internal.chunker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ChunkerTest {

    private static final int MIN = 2 * 1024;
    private static final int AVG = 8 * 1024;
    private static final int MAX = 32 * 1024;
    private final Chunker chunker = new Chunker(42, MIN, AVG, MAX);

    @Test
    void boundariesAreDeterministicAndIndependentOfBufferAndReadSizes() throws IOException {
        byte[] data = random(1, 3_000_000);
        List<Integer> reference = lengths(chunker, data, 2 * MAX, Integer.MAX_VALUE);
        assertEquals(reference, lengths(new Chunker(42, MIN, AVG, MAX), data, 2 * MAX, Integer.MAX_VALUE));
        assertEquals(reference, lengths(chunker, data, 5 * MAX + 17, Integer.MAX_VALUE));
        assertEquals(reference, lengths(chunker, data, 1 << 22, 1000));
        assertEquals(reference, lengths(chunker, data, 2 * MAX, 1));
        assertEquals(data.length, reference.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void seedChangesBoundaries() throws IOException {
        byte[] data = random(2, 1_000_000);
        assertNotEquals(lengths(chunker, data, 2 * MAX, Integer.MAX_VALUE),
                lengths(new Chunker(43, MIN, AVG, MAX), data, 2 * MAX, Integer.MAX_VALUE));
    }

    @Test
    void chunksRespectMinAndMaxAndAverageNearTarget() throws IOException {
        byte[] data = random(3, 20_000_000);
        List<Integer> lengths = lengths(chunker, data, 2 * MAX, Integer.MAX_VALUE);
        for (int i = 0; i < lengths.size() - 1; i++) {
            int length = lengths.get(i);
            assertTrue(length >= MIN && length <= MAX, "chunk " + i + " has " + length + " bytes");
        }
        double average = (double) data.length / lengths.size();
        assertTrue(average > 0.75 * AVG && average < 1.5 * AVG, "average chunk " + average + " for target " + AVG);
    }

    @Test
    void zerosAreCutAtMax() throws IOException {
        List<Integer> lengths = lengths(chunker, new byte[10 * MAX + 5], 2 * MAX, Integer.MAX_VALUE);
        assertEquals(11, lengths.size());
        assertEquals(MAX, lengths.get(0));
        assertEquals(5, lengths.get(10));
    }

    @Test
    void emptyAndTinyInputs() throws IOException {
        assertEquals(List.of(), lengths(chunker, new byte[0], 2 * MAX, Integer.MAX_VALUE));
        assertEquals(List.of(100), lengths(chunker, random(4, 100), 2 * MAX, Integer.MAX_VALUE));
    }

    @Test
    void insertionNearStartChangesOnlyTheFirstChunks() throws IOException {
        byte[] data = random(5, 4_000_000);
        byte[] shifted = new byte[data.length + 7];
        System.arraycopy(data, 0, shifted, 0, 1000);
        System.arraycopy(new byte[] {1, 2, 3, 4, 5, 6, 7}, 0, shifted, 1000, 7);
        System.arraycopy(data, 1000, shifted, 1007, data.length - 1000);
        Set<ByteBuffer> before = new HashSet<>(chunks(data));
        List<ByteBuffer> after = chunks(shifted);
        long newChunks = after.stream().filter(c -> !before.contains(c)).count();
        assertTrue(newChunks >= 1 && newChunks <= 2, newChunks + " of " + after.size() + " chunks changed");
    }

    @Test
    void rejectsInvalidSizes() {
        assertThrows(IllegalArgumentException.class, () -> new Chunker(1, 1024, 3000, 8192));
        assertThrows(IllegalArgumentException.class, () -> new Chunker(1, 16, 1024, 8192));
        assertThrows(IllegalArgumentException.class, () -> new ChunkReader(chunker,
                Channels.newChannel(new ByteArrayInputStream(new byte[0])), MAX));
    }

    private List<ByteBuffer> chunks(byte[] data) throws IOException {
        ChunkReader reader = new ChunkReader(chunker, Channels.newChannel(new ByteArrayInputStream(data)), 2 * MAX);
        List<ByteBuffer> out = new ArrayList<>();
        for (ByteBuffer c = reader.next(); c != null; c = reader.next()) {
            ByteBuffer copy = ByteBuffer.allocate(c.remaining());
            copy.put(c).flip();
            out.add(copy);
        }
        return out;
    }

    static List<Integer> lengths(Chunker chunker, byte[] data, int bufferSize, int readSize) throws IOException {
        ChunkReader reader = new ChunkReader(chunker, trickle(data, readSize), bufferSize);
        List<Integer> out = new ArrayList<>();
        for (ByteBuffer c = reader.next(); c != null; c = reader.next()) {
            out.add(c.remaining());
        }
        return out;
    }

    /** A channel that returns at most {@code readSize} bytes per read, like a slow pipe. */
    private static ReadableByteChannel trickle(byte[] data, int readSize) {
        ReadableByteChannel in = Channels.newChannel(new ByteArrayInputStream(data));
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                ByteBuffer limited = dst.slice();
                limited.limit(Math.min(limited.remaining(), readSize));
                int n = in.read(limited);
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return in.isOpen();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    static byte[] random(long seed, int size) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
