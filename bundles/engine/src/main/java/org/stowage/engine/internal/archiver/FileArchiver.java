package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.stowage.api.repository.ProgressListener;
import org.stowage.engine.internal.chunker.ChunkReader;
import org.stowage.engine.internal.chunker.Chunker;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.tree.Node;

/**
 * The reading stage of the backup pipeline: a file unchanged since the parent snapshot is reused without reading;
 * any other file is read and chunked on a reader thread, and each chunk is copied into a pooled direct buffer and
 * handed to the {@link BlobSaver}. The file's node completes when all its chunks are saved.
 *
 * <p>At most {@code maxFilesInFlight} files are being read at once ({@link #archive} blocks the walker beyond
 * that). Each reader thread reuses one chunking buffer of twice the largest chunk. An unreadable file is reported
 * to the listener and kept as a node with {@link Node#error()} and no content. Thread-safe.
 */
final class FileArchiver {

    private final Chunker chunker;
    private final BlobSaver saver;
    private final BufferPool pool;
    private final ArchiveContext context;
    private final ExecutorService readers;
    private final Semaphore inFlight;
    private final ThreadLocal<byte[]> chunkBuffer;

    FileArchiver(Chunker chunker, BlobSaver saver, BufferPool pool, ArchiveContext context, ExecutorService readers,
                 int maxFilesInFlight) {
        this.chunker = chunker;
        this.saver = saver;
        this.pool = pool;
        this.context = context;
        this.readers = readers;
        this.inFlight = new Semaphore(maxFilesInFlight);
        this.chunkBuffer = ThreadLocal.withInitial(() -> new byte[2 * chunker.max()]);
    }

    /** The pieces {@link ReplicaFileRead} shares with the plain read path. */
    Chunker chunker() {
        return chunker;
    }

    BlobSaver saver() {
        return saver;
    }

    BufferPool pool() {
        return pool;
    }

    ArchiveContext context() {
        return context;
    }

    byte[] chunkBuffer() {
        return chunkBuffer.get();
    }

    /** Archives one regular file; {@code previous} is the parent snapshot's node at the same path, or null. */
    CompletableFuture<Node> archive(Path path, String name, SourceMeta meta, Node previous)
            throws InterruptedException {
        context.stats.bytesProcessed.add(meta.size());
        if (unchanged(meta, previous)) {
            context.stats.filesUnmodified.increment();
            context.fileDone(meta.size());
            return CompletableFuture.completedFuture(meta.node(name, previous.content(), null, null, null));
        }
        inFlight.acquire();
        CompletableFuture<Node> node = new CompletableFuture<>();
        try {
            readers.execute(() -> {
                try {
                    read(path, name, meta, previous).whenComplete((n, e) -> settle(node, n, e));
                } catch (Throwable e) {
                    node.completeExceptionally(e);
                } finally {
                    inFlight.release();
                }
            });
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
        return node;
    }

    private boolean unchanged(SourceMeta meta, Node previous) {
        if (previous == null || previous.type() != meta.type() || previous.error() != null
                || previous.size() != meta.size() || previous.mtimeNanos() != meta.mtimeNanos()
                || previous.inode() != meta.inode()) {
            return false;
        }
        for (BlobId id : previous.content()) {
            if (!context.repository.contains(BlobKind.DATA, id)) {
                return false; // the parent's data is gone (pruned or lost): read the file again
            }
        }
        return true;
    }

    private CompletableFuture<Node> read(Path path, String name, SourceMeta meta, Node previous)
            throws InterruptedException {
        if (context.replicas != null) {
            return new ReplicaFileRead(this, path, name, meta, previous).read();
        }
        if (context.cancelled()) {
            throw new CancellationException("backup cancelled before reading " + path);
        }
        context.current(path);
        List<CompletableFuture<BlobId>> chunks = new ArrayList<>();
        // a failed save is fatal to the run (the repository's failure is sticky): stop reading this file at once
        // rather than chunk the rest of a possibly huge file after the device left
        AtomicBoolean saveFailed = new AtomicBoolean();
        long length = 0;
        try (ReadableByteChannel in = context.opener.open(path)) {
            ChunkReader reader = new ChunkReader(chunker, in, chunkBuffer.get());
            for (ByteBuffer chunk = reader.next(); chunk != null; chunk = reader.next()) {
                if (context.cancelled()) {
                    throw new CancellationException("backup cancelled while reading " + path);
                }
                if (saveFailed.get()) {
                    return failedChunk(chunks);
                }
                int size = chunk.remaining();
                ByteBuffer direct = pool.acquire();
                direct.put(chunk).flip();
                chunks.add(saver.saveChunk(direct).whenComplete((id, e) -> {
                    if (e != null) {
                        saveFailed.set(true);
                    }
                }));
                length += size;
                context.stats.bytesDone.add(size);
            }
        } catch (IOException e) {
            return unreadable(path, name, meta, chunks, e);
        }
        long read = length;
        return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).thenApply(v -> {
            (previous == null ? context.stats.filesNew : context.stats.filesChanged).increment();
            context.stats.filesDone.increment();
            return meta.withSize(read).node(name, chunks.stream().map(CompletableFuture::join).toList(), null, null,
                    null);
        });
    }

    /** Fails the file with the failure of a chunk already handed in (allOf completes with it). */
    static CompletableFuture<Node> failedChunk(List<CompletableFuture<BlobId>> chunks) {
        return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).thenApply(v -> {
            throw new IllegalStateException("a chunk save failed but every chunk future succeeded");
        });
    }

    /** Waits for chunks already handed in: a repository failure among them outranks the read error. */
    CompletableFuture<Node> unreadable(Path path, String name, SourceMeta meta,
                                               List<CompletableFuture<BlobId>> chunks, IOException e) {
        String reason = "cannot read file: " + describe(e);
        return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).thenApply(v -> {
            context.error(path, reason + "; it is kept in the snapshot without content");
            context.stats.filesDone.increment();
            return meta.node(name, List.of(), null, null, reason);
        });
    }

    static String describe(IOException e) {
        String type = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }

    private static void settle(CompletableFuture<Node> target, Node node, Throwable error) {
        if (error != null) {
            target.completeExceptionally(error);
        } else {
            target.complete(node);
        }
    }
}
