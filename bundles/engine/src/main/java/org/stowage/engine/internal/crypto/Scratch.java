package org.stowage.engine.internal.crypto;

import java.nio.ByteBuffer;

import org.stowage.engine.internal.memory.GrowingBuffer;
import org.stowage.engine.internal.memory.ThreadResources;

/**
 * Per-thread direct buffers reused across calls, so the hot path allocates no direct memory. A buffer grows to the
 * largest request up to {@link #LIMIT} (the smaller one it replaces is freed); larger requests (big index files) get
 * a one-off buffer. Per thread this holds at most 4 × LIMIT, in practice 4 × the largest blob, until the thread's
 * {@link ThreadResources} are released at the end of its work. Not thread-safe: one instance per thread.
 */
final class Scratch {

    static final int LIMIT = 16 << 20;
    private static final ThreadLocal<Scratch> PER_THREAD = new ThreadLocal<>();

    private final GrowingBuffer[] slots = new GrowingBuffer[Slot.values().length];

    enum Slot { INPUT, WORK, OUTPUT, PLAIN }

    private Scratch() {
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new GrowingBuffer();
        }
    }

    static Scratch get() {
        return ThreadResources.get(PER_THREAD, Scratch::new, Scratch::free);
    }

    /** A cleared direct buffer of at least {@code capacity} bytes, limited to exactly {@code capacity}. */
    ByteBuffer take(Slot slot, int capacity) {
        if (capacity > LIMIT) {
            return ByteBuffer.allocateDirect(capacity);
        }
        return slots[slot.ordinal()].take(capacity);
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

    private void free() {
        for (GrowingBuffer slot : slots) {
            slot.free();
        }
    }
}
