package org.stowage.engine.internal.archiver;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.stowage.engine.internal.memory.DirectMemory;

/**
 * A fixed set of direct buffers, each large enough for the largest chunk. Blob payloads travel to compression and
 * encryption in direct buffers (a GCM doFinal on a large heap array is ~60 MiB/s, on a direct buffer ~3.6 GiB/s).
 * {@link #acquire} blocks while all are in use: this is the back pressure that bounds the chunks in flight.
 * {@link #close} at the end of the run frees the buffers at once; one released after that is freed on release.
 * Thread-safe.
 */
final class BufferPool implements AutoCloseable {

    private final BlockingQueue<ByteBuffer> free;
    private volatile boolean closed;

    BufferPool(int count, int bufferSize) {
        free = new ArrayBlockingQueue<>(count);
        try {
            for (int i = 0; i < count; i++) {
                free.add(DirectMemory.allocate(bufferSize));
            }
        } catch (RuntimeException | Error e) {
            freeAll();
            throw e;
        }
    }

    /** A cleared buffer; blocks until one is free. */
    ByteBuffer acquire() throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the archiver's buffer pool is closed: the run has ended");
        }
        ByteBuffer buffer = free.take();
        buffer.clear();
        return buffer;
    }

    void release(ByteBuffer buffer) {
        if (!free.offer(buffer)) {
            throw new IllegalStateException("a buffer was released twice to the archiver's pool");
        }
        if (closed) {
            freeAll();
        }
    }

    /** Frees the buffers not in use; those still in use are freed when they are released. */
    @Override
    public void close() {
        closed = true;
        freeAll();
    }

    private void freeAll() {
        for (ByteBuffer buffer = free.poll(); buffer != null; buffer = free.poll()) {
            DirectMemory.free(buffer);
        }
    }
}
