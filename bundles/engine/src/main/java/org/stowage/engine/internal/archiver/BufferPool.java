package org.stowage.engine.internal.archiver;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed set of direct buffers, each large enough for the largest chunk. Blob payloads travel to compression and
 * encryption in direct buffers (a GCM doFinal on a large heap array is ~60 MiB/s, on a direct buffer ~3.6 GiB/s).
 * {@link #acquire} blocks while all are in use: this is the back pressure that bounds the chunks in flight.
 * Thread-safe.
 */
final class BufferPool {

    private final BlockingQueue<ByteBuffer> free;

    BufferPool(int count, int bufferSize) {
        free = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            free.add(ByteBuffer.allocateDirect(bufferSize));
        }
    }

    /** A cleared buffer; blocks until one is free. */
    ByteBuffer acquire() throws InterruptedException {
        ByteBuffer buffer = free.take();
        buffer.clear();
        return buffer;
    }

    void release(ByteBuffer buffer) {
        if (!free.offer(buffer)) {
            throw new IllegalStateException("a buffer was released twice to the archiver's pool");
        }
    }
}
