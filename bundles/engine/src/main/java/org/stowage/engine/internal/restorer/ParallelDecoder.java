package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.StoredRun;

/**
 * Decodes (GCM open, zstd decompression, keyed-hash check) the blobs of stored runs on a small pool of threads, each
 * of which then writes its verified plaintext with the {@link BlobWriter} (thread-safe), so that decoding and the
 * kernel's cost of writing restored data (as large as decoding on these machines) both run on every core while the
 * calling thread reads the next run. The calling thread collects the results in submission order (pack order,
 * offset order) to recycle buffers; a blob that fails verification is read again on its own from the other copies
 * ({@link BlobWriter#writeAlone}), and fails only the files that need it when none is intact; its partial bytes are
 * never written.
 *
 * <p>Memory: at most {@link #window} blobs are in flight, each decoded into its own reusable direct buffer (sized
 * to the largest blob seen rounded up to a power of two), so decoded data is bounded by window × 2 × the largest
 * blob (the chunker's maximum); {@link #beforeRun} keeps at most two runs' stored bytes referenced (the one decoding, the one being read).
 * No heap copy of any blob: GCM and zstd work on direct buffers and the writer writes from them.
 *
 * <p>Thread-safety: not thread-safe; one thread calls {@link #submit}, {@link #beforeRun}, {@link #drain} and
 * {@link #close}. Pool threads only decode into the buffer they were given and write from it; the caller does not
 * touch it until the task's future has completed.
 */
final class ParallelDecoder implements AutoCloseable {

    private final BlobWriter writer;
    private final Repository repository;
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private int buffers;

    /**
     * @param threads decoding threads (the caller's thread reads and writes meanwhile)
     */
    ParallelDecoder(BlobWriter writer, Repository repository, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.writer = writer;
        this.repository = repository;
        this.window = 2 * threads + 2;
        this.pool = Executors.newFixedThreadPool(threads, new Named());
    }

    /** Decoders for this machine: one per core. */
    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Call before reading run number {@code run} (runs numbered from 0 in reading order): delivers the blobs of runs
     * before {@code run - 1}, so at most two runs' stored bytes stay referenced.
     */
    void beforeRun(long run) {
        while (!pending.isEmpty() && pending.peekFirst().run < run - 1) {
            deliverOldest();
        }
    }

    /** Queues {@code blob} of {@code stored} (run number {@code run}) for decoding; may first deliver the oldest. */
    void submit(long run, StoredRun stored, PackedBlob blob) {
        if (pending.size() >= window) {
            deliverOldest();
        }
        ByteBuffer buffer = buffer(blob.plainLength());
        Future<ByteBuffer> decoded = pool.submit(() -> {
            stored.decodeInto(blob, buffer);
            writer.write(blob, buffer.flip());
            return buffer;
        });
        pending.addLast(new Pending(run, blob, buffer, decoded));
    }

    /** Delivers every queued blob. */
    void drain() {
        while (!pending.isEmpty()) {
            deliverOldest();
        }
    }

    private void deliverOldest() {
        Pending p = pending.pollFirst();
        try {
            await(p);
        } catch (IOException | StowageException e) {
            // this copy's bytes are damaged (or its read failed): the other copies of the pack may be intact
            writer.writeAlone(repository, p.blob, e.getMessage());
        } finally {
            free.push(p.buffer);
        }
    }

    /** Waits for the decode and write; rethrows the decode's own IOException / StowageException (else a bug). */
    private static ByteBuffer await(Pending p) throws IOException {
        try {
            return p.decoded.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StowageException("restore interrupted while decoding blob " + p.blob.id().shortHex(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof StowageException se) {
                throw se;
            }
            throw new IllegalStateException("decoding blob " + p.blob.id().shortHex() + " failed unexpectedly",
                    cause);
        }
    }

    /** A cleared buffer with room for {@code size} bytes; at most {@link #window} exist. */
    private ByteBuffer buffer(int size) {
        ByteBuffer buffer = free.poll();
        if (buffer == null) {
            if (buffers >= window) {
                throw new IllegalStateException("more than " + window + " decode buffers in use");
            }
            buffers++;
        }
        if (buffer == null || buffer.capacity() < size) {
            // powers of two, so a buffer grows a few times and then fits every blob
            buffer = ByteBuffer.allocateDirect(size <= 64 << 10 ? 64 << 10 : Integer.highestOneBit(size - 1) << 1);
        }
        return buffer.clear().limit(size);
    }

    /** Stops the pool; queued decodes not yet delivered are abandoned (call {@link #drain} first to deliver). */
    @Override
    public void close() {
        pending.forEach(p -> p.decoded.cancel(true));
        pending.clear();
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new StowageException("restore decoders did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StowageException("interrupted while stopping the restore decoders", e);
        }
    }

    private record Pending(long run, PackedBlob blob, ByteBuffer buffer, Future<ByteBuffer> decoded) {
    }

    /** Daemon threads named stowage-restore-decode-N, so a stuck restore never keeps the JVM alive. */
    private static final class Named implements ThreadFactory {
        private static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task, "stowage-restore-decode-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
