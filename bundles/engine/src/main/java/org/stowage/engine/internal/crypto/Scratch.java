package org.stowage.engine.internal.crypto;

import java.nio.ByteBuffer;

/**
 * Per-thread direct buffers reused across calls, so the hot path allocates no direct memory. A buffer grows to the
 * largest request up to {@link #LIMIT}; larger requests (big index files) get a one-off buffer. Per thread this
 * holds at most 4 × LIMIT, in practice 4 × the largest blob. Not thread-safe: one instance per thread.
 */
final class Scratch {

    static final int LIMIT = 16 << 20;
    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    private final ByteBuffer[] slots = new ByteBuffer[Slot.values().length];

    enum Slot { INPUT, WORK, OUTPUT, PLAIN }

    static Scratch get() {
        return PER_THREAD.get();
    }

    /** A cleared direct buffer of at least {@code capacity} bytes, limited to exactly {@code capacity}. */
    ByteBuffer take(Slot slot, int capacity) {
        if (capacity > LIMIT) {
            return ByteBuffer.allocateDirect(capacity);
        }
        ByteBuffer buffer = slots[slot.ordinal()];
        if (buffer == null || buffer.capacity() < capacity) {
            buffer = ByteBuffer.allocateDirect(Math.min(LIMIT, rounded(capacity)));
            slots[slot.ordinal()] = buffer;
        }
        buffer.clear().limit(capacity);
        return buffer;
    }

    /**
     * Up to a MiB, the next power of two (at least 64 KiB); above, the next whole MiB: a 4 MiB chunk's compression
     * bound needs 5 MiB, not 8 (every saver and decoder thread holds such buffers).
     */
    static int rounded(int capacity) {
        int size = Math.max(64 << 10, capacity);
        if (size > 1 << 20) {
            return Math.toIntExact(((long) size + (1 << 20) - 1) & -(1L << 20));
        }
        return Integer.bitCount(size) == 1 ? size : Integer.highestOneBit(size) << 1;
    }

    /** {@code source} itself when direct, else a direct copy of its remaining bytes; the source is not changed. */
    ByteBuffer direct(Slot slot, ByteBuffer source) {
        if (source.isDirect()) {
            return source.duplicate();
        }
        ByteBuffer copy = take(slot, source.remaining());
        copy.put(source.duplicate()).flip();
        return copy;
    }
}
