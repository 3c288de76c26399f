package org.stowage.device.testkit;

import java.nio.ByteBuffer;
import java.util.Random;

/** Test data helpers for driver tests: deterministic content and buffer conversions that never move positions. */
public final class TestBlobs {

    private TestBlobs() {
    }

    /** {@code size} pseudo-random bytes; the same seed gives the same bytes. */
    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A heap buffer holding {@code bytes} (a copy), position 0. */
    public static ByteBuffer heap(byte[] bytes) {
        return ByteBuffer.wrap(bytes.clone());
    }

    /** A direct buffer holding {@code bytes}, position 0. */
    public static ByteBuffer direct(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length);
        buffer.put(bytes).flip();
        return buffer;
    }

    /** The remaining bytes of {@code buffer}, without changing its position. */
    public static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** {@code length} bytes of {@code bytes} starting at {@code offset}. */
    public static byte[] slice(byte[] bytes, int offset, int length) {
        byte[] slice = new byte[length];
        System.arraycopy(bytes, offset, slice, 0, length);
        return slice;
    }
}
