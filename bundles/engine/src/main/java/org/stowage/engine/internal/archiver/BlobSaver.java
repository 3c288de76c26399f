package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.memory.WorkerThreads;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.tree.Tree;

/**
 * The saving stage of the backup pipeline: hashes a chunk ({@link Repository#blobId}) and stores it
 * ({@link Repository#saveBlob}, which compresses and encrypts in this thread and blocks while its upload queue is
 * full) on a fixed pool of saver threads.
 *
 * <p>Chunks arrive in direct buffers from the {@link BufferPool}; the buffer goes back to the pool as soon as the
 * blob is saved, so the work queued here is bounded by the pool's size (no separate queue bound is needed). Tree
 * blobs are saved in the calling thread. Thread-safe.
 */
final class BlobSaver implements AutoCloseable {

    private final Repository repository;
    private final BufferPool pool;
    private final ArchiveStats stats;
    private final WorkerThreads saverThreads = WorkerThreads.named("stowage-archiver-saver-");
    private final ExecutorService savers;

    BlobSaver(Repository repository, BufferPool pool, ArchiveStats stats, int threads) {
        this.repository = repository;
        this.pool = pool;
        this.stats = stats;
        this.savers = Executors.newFixedThreadPool(threads, saverThreads);
    }

    /**
     * Saves a DATA chunk held in a buffer of the pool; the buffer is released whatever happens. The future fails
     * with an {@link UncheckedIOException} when the repository cannot store it.
     */
    CompletableFuture<BlobId> saveChunk(ByteBuffer pooled) {
        CompletableFuture<BlobId> result = new CompletableFuture<>();
        try {
            savers.execute(() -> {
                BlobId id;
                try {
                    id = save(BlobKind.DATA, pooled);
                } catch (Throwable e) {
                    pool.release(pooled);
                    result.completeExceptionally(e);
                    return;
                }
                pool.release(pooled); // before completing: completion may run a cascade of tree saves
                result.complete(id);
            });
        } catch (RuntimeException e) {
            pool.release(pooled);
            throw e;
        }
        return result;
    }

    /** Serializes and saves a tree in the calling thread; returns its id. */
    BlobId saveTree(Tree tree) {
        // a heap buffer: the encoder copies small payloads into its per-thread direct scratch anyway, while a direct
        // buffer per tree cost an allocation and a Cleaner for each of thousands of directories
        return save(BlobKind.TREE, ByteBuffer.wrap(Json.write(tree)));
    }

    private BlobId save(BlobKind kind, ByteBuffer plaintext) {
        BlobId id = repository.blobId(plaintext);
        int length = plaintext.remaining();
        try {
            stats.saved(repository.saveBlob(kind, id, plaintext), length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + kind + " blob " + id.shortHex() + " on device "
                    + repository.firstDeviceId() + ": " + e.getMessage(), e);
        }
        return id;
    }

    /** Runs every chunk already handed in, then stops the threads. */
    @Override
    public void close() throws InterruptedException {
        savers.shutdown();
        while (!savers.awaitTermination(1, TimeUnit.MINUTES)) {
            // a saver is blocked in saveBlob (device slow or stuck): keep waiting, its buffer is still in use
        }
        saverThreads.joinEnded();
    }
}
