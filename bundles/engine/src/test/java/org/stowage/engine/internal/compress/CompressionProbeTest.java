package org.stowage.engine.internal.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CompressionProbeTest {

    @Test
    void incompressibleDataIsStoredRaw() {
        assertEquals(0, CompressionProbe.levelFor(direct(random(1, 1 << 20)), 3));
    }

    @Test
    void textIsCompressedAtTheConfiguredLevel() {
        StringBuilder text = new StringBuilder();
        Random random = new Random(2);
        while (text.length() < (1 << 20)) {
            text.append("line ").append(random.nextInt(1000)).append(": the quick brown fox jumps over the lazy dog\n");
        }
        assertEquals(3, CompressionProbe.levelFor(direct(text.toString().getBytes(StandardCharsets.US_ASCII)), 3));
    }

    @Test
    void lowGainDataUsesTheFastLevel() {
        byte[] bytes = random(3, 1 << 20);
        for (int i = 0; i < bytes.length; i += 8) {
            bytes[i] = 0; // one byte in eight is predictable: zstd saves some, but far from half
        }
        assertEquals(CompressionProbe.FAST_LEVEL, CompressionProbe.levelFor(direct(bytes), 3));
        assertEquals(CompressionProbe.FAST_LEVEL, CompressionProbe.levelFor(direct(bytes), 19));
    }

    @Test
    void moderateGainDataUsesTheMiddleLevelButNeverMoreThanConfigured() {
        byte[] bytes = random(3, 1 << 20);
        for (int i = 0; i < bytes.length; i += 3) {
            bytes[i] = 0; // one byte in three is predictable: sample ratio ~0.79
        }
        assertEquals(CompressionProbe.MID_LEVEL, CompressionProbe.levelFor(direct(bytes), 3));
        assertEquals(CompressionProbe.MID_LEVEL, CompressionProbe.levelFor(direct(bytes), 19));
        assertEquals(1, CompressionProbe.levelFor(direct(bytes), 1));
    }

    @Test
    void smallPayloadsAreNotProbed() {
        assertEquals(3, CompressionProbe.levelFor(direct(random(4, CompressionProbe.SMALL)), 3));
    }

    /** The intended limit of an estimate: compressible bytes the slices miss do not count. */
    @Test
    void aPayloadWhoseSampledSlicesAreIncompressibleIsStoredRawEvenIfTheRestCompresses() {
        int length = 1 << 20;
        byte[] bytes = new byte[length]; // zeros: the whole compresses to almost nothing
        byte[] noise = random(5, length);
        long stride = (length - CompressionProbe.SLICE) / (CompressionProbe.SLICES - 1);
        for (int i = 0; i < CompressionProbe.SLICES; i++) {
            int from = (int) (i * stride);
            System.arraycopy(noise, from, bytes, from, CompressionProbe.SLICE);
        }
        assertEquals(0, CompressionProbe.levelFor(direct(bytes), 3));
    }

    @Test
    void theSourceIsNotChanged() {
        ByteBuffer source = direct(random(6, 300_000));
        source.position(1000);
        CompressionProbe.levelFor(source, 3);
        assertEquals(1000, source.position());
        assertEquals(300_000, source.limit());
    }

    private static byte[] random(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }
}
