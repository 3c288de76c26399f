package org.stowage.engine.internal.memory;

import java.nio.ByteBuffer;

/**
 * One reusable direct buffer that grows to the largest request, freeing the one it outgrew, until its owner
 * {@link #free}s it. Sizes are {@link #rounded}, so a buffer grows a few times and then fits every blob. Taking
 * again invalidates what an earlier take returned (its bytes are overwritten, or freed when the buffer grows). Not
 * thread-safe: one owner at a time.
 */
public final class GrowingBuffer {

    private ByteBuffer buffer;

    /** A cleared buffer of at least {@code size} bytes, limited to exactly {@code size}. */
    public ByteBuffer take(int size) {
        if (buffer == null || buffer.capacity() < size) {
            DirectMemory.free(buffer);
            buffer = null; // a failed allocation must not leave the freed buffer here
            buffer = DirectMemory.allocate(rounded(size));
        }
        return buffer.clear().limit(size);
    }

    /** Gives the memory back; the next {@link #take} allocates afresh. */
    public void free() {
        DirectMemory.free(buffer);
        buffer = null;
    }

    /**
     * Up to a MiB, the next power of two (at least 64 KiB); above, the next whole MiB: a 4 MiB chunk's compression
     * bound needs 5 MiB, not 8 (every saver and decoder thread holds such buffers).
     */
    public static int rounded(int size) {
        int at = Math.max(64 << 10, size);
        if (at > 1 << 20) {
            return Math.toIntExact(((long) at + (1 << 20) - 1) & -(1L << 20));
        }
        return Integer.bitCount(at) == 1 ? at : Integer.highestOneBit(at) << 1;
    }
}
