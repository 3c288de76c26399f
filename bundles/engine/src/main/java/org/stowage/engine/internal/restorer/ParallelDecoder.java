package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.compress.Compressor;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.memory.GrowingBuffer;
import org.stowage.engine.internal.memory.WorkerThreads;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryConfig;
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
 * <p>Memory: at most {@link #window} blobs are in flight, each decoded into its own reusable {@link GrowingBuffer},
 * so decoded data is bounded by window × the largest blob (the chunker's maximum) rounded up; the stored bytes are
 * read into two {@link #runBuffer run buffers}, used in turn ({@link #beforeRun} keeps at most two runs' stored bytes
 * referenced: the one decoding, the one being read). {@link #close} frees it all.
 * No heap copy of any blob: GCM and zstd work on direct buffers and the writer writes from them.
 *
 * <p>Thread-safety: not thread-safe; one thread calls {@link #submit}, {@link #beforeRun}, {@link #drain} and
 * {@link #close}. Pool threads only decode into the buffer they were given and write from it; the caller does not
 * touch it until the task's future has completed.
 */
final class ParallelDecoder implements AutoCloseable {

    private final BlobWriter writer;
    private final Repository repository;
    private final WorkerThreads workers = WorkerThreads.named("stowage-restore-decode-");
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final ArrayDeque<GrowingBuffer> free = new ArrayDeque<>();
    private final List<GrowingBuffer> buffers = new ArrayList<>();
    private final GrowingBuffer[] runBuffers = {new GrowingBuffer(), new GrowingBuffer()};

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
        this.pool = Executors.newFixedThreadPool(threads, workers);
    }

    /** The bytes of the two run buffers and the window's two buffers beyond two per thread, at most. */
    static long memoryFixed(RepositoryConfig config) {
        long largestRun = Math.min(RunReader.MAX_RUN, config.packSize()) + config.chunkMax() + (1 << 16);
        return 2L * GrowingBuffer.rounded(Math.toIntExact(largestRun)) + 2L * GrowingBuffer.rounded(config.chunkMax());
    }

    /**
     * What each decoding thread adds at most: two blob buffers of the window, its scratch for a blob's opened form,
     * and its zstd context.
     */
    static long memoryPerThread(RepositoryConfig config) {
        int blob = GrowingBuffer.rounded(config.chunkMax());
        return 2L * blob + StoredForm.scratchBytes(config.chunkMax()) + Compressor.CONTEXT_BYTES;
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

    /**
     * The buffer to read run number {@code run} into, {@code size} bytes: two are used in turn, so call it after
     * {@link #beforeRun}, which has delivered every blob of the run that used it before.
     */
    ByteBuffer runBuffer(long run, int size) {
        return runBuffers[(int) (run & 1)].take(size);
    }

    /** Queues {@code blob} of {@code stored} (run number {@code run}) for decoding; may first deliver the oldest. */
    void submit(long run, StoredRun stored, PackedBlob blob) {
        if (pending.size() >= window) {
            deliverOldest();
        }
        GrowingBuffer slot = buffer();
        ByteBuffer buffer = slot.take(blob.plainLength());
        Future<ByteBuffer> decoded = pool.submit(() -> {
            stored.decodeInto(blob, buffer);
            writer.write(blob, buffer.flip());
            return buffer;
        });
        pending.addLast(new Pending(run, blob, slot, decoded));
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
            free.push(p.slot);
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

    /** A free decode buffer; at most {@link #window} exist. */
    private GrowingBuffer buffer() {
        GrowingBuffer slot = free.poll();
        if (slot == null) {
            if (buffers.size() >= window) {
                throw new IllegalStateException("more than " + window + " decode buffers in use");
            }
            slot = new GrowingBuffer();
            buffers.add(slot);
        }
        return slot;
    }

    /**
     * Stops the pool; queued decodes not yet delivered are abandoned (call {@link #drain} first to deliver). Once no
     * decoder runs, the buffers are freed; if one is still running after 30 s they are left to the collector.
     */
    @Override
    public void close() {
        pending.forEach(p -> p.decoded.cancel(true));
        pending.clear();
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new StowageException("restore decoders did not stop within 30 s");
            }
            workers.joinEnded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StowageException("interrupted while stopping the restore decoders", e);
        }
        buffers.forEach(GrowingBuffer::free);
        for (GrowingBuffer run : runBuffers) {
            run.free();
        }
    }

    private record Pending(long run, PackedBlob blob, GrowingBuffer slot, Future<ByteBuffer> decoded) {
    }
}
