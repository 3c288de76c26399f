package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.stowage.engine.internal.chunker.ChunkReader;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.Served;

/**
 * Reads one file of a backup from replicas: from the current replica, and when a read fails, from the next replica
 * that opens the file, starting at the end of the last chunk handed to the repository. Chunk boundaries depend only
 * on the bytes since the chunk's start (docs/design.md §13), so the chunks after the switch are the ones an
 * uninterrupted read would have cut and nothing is stored twice. The reader holds at most one chunk max of bytes
 * beyond the last chunk handed in ({@link ChunkReader} read-ahead), so a switch reads at most that much again.
 * The node records which replica served which range ({@link Served}). One instance per file, one thread.
 */
final class ReplicaFileRead {

    private final FileArchiver files;
    private final ArchiveContext context;
    private final Path path;
    private final String name;
    private final SourceMeta meta;
    private final Node previous;
    private final List<CompletableFuture<BlobId>> chunks = new ArrayList<>();
    private final List<Served> served = new ArrayList<>();
    private final AtomicBoolean saveFailed = new AtomicBoolean();
    private long offset;

    ReplicaFileRead(FileArchiver files, Path path, String name, SourceMeta meta, Node previous) {
        this.files = files;
        this.context = files.context();
        this.path = path;
        this.name = name;
        this.meta = meta;
        this.previous = previous;
    }

    CompletableFuture<Node> read() throws InterruptedException {
        if (context.cancelled()) {
            throw new CancellationException("backup cancelled before reading " + path);
        }
        context.current(path);
        Replicas replicas = context.replicas;
        CheckpointWriter.InFlight progress = context.checkpoints.started(path, meta);
        continueEarlierRun(progress);
        ReplicaChannel in = null;
        try {
            int first = replicas.current();
            long at = offset;
            try {
                in = ReplicaChannel.open(context.opener, replicas.on(first, path), first, at);
            } catch (IOException failure) {
                in = replicas.elsewhere(path, at, first, failure,
                        p -> ReplicaChannel.open(context.opener, p, replicas.indexOf(p), at));
            }
            serve(in.replica());
            long failedAt = -1;
            int failuresThere = 0;
            while (true) {
                try {
                    if (!chunkAll(in, progress)) {
                        return FileArchiver.failedChunk(chunks);
                    }
                    break;
                } catch (IOException failure) {
                    close(in, failure);
                    replicas.reread.add(Math.max(0, in.position() - offset));
                    failuresThere = offset == failedAt ? failuresThere + 1 : 1;
                    failedAt = offset;
                    if (failuresThere >= replicas.count()) {
                        throw failure; // every replica opens it but fails here: the file's problem, not a replica's
                    }
                    in = resume(in.replica(), failure);
                    serve(in.replica());
                }
            }
        } catch (IOException e) {
            context.checkpoints.finished(progress);
            return files.unreadable(path, name, meta, chunks, e);
        } finally {
            if (in != null) {
                close(in, null);
            }
        }
        long read = offset;
        return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).thenApply(v -> {
            context.checkpoints.finished(progress);
            (previous == null ? context.stats.filesNew : context.stats.filesChanged).increment();
            context.stats.filesDone.increment();
            return meta.withSize(read).node(name, chunks.stream().map(CompletableFuture::join).toList(), null, null,
                    null).withServed(List.copyOf(served));
        });
    }

    /** {@code replica} serves the file from {@code offset} on (one range while the replica stays the same). */
    private void serve(int replica) {
        if (served.isEmpty() || served.get(served.size() - 1).replica() != replica) {
            served.add(new Served(replica, offset));
        }
    }

    /** Takes the chunks an earlier, unfinished run stored of this file, if its checkpoint has them. */
    private void continueEarlierRun(CheckpointWriter.InFlight progress) {
        String relative = context.replicas.relative(path).toString();
        context.continuation.prefix(relative, meta, context.repository).ifPresent(earlier -> {
            List<CompletableFuture<BlobId>> stored = earlier.content().stream()
                    .map(CompletableFuture::completedFuture).toList();
            chunks.addAll(stored);
            offset = earlier.offset();
            served.add(new Served(context.continuation.replica(), 0));
            context.checkpoints.continued(progress, stored, offset);
            context.replicas.continued.add(offset);
            context.stats.bytesDone.add(offset);
        });
    }

    /** Chunks {@code in} to its end; false when a save failed (the run is failing: stop reading). */
    private boolean chunkAll(ReplicaChannel in, CheckpointWriter.InFlight progress)
            throws IOException, InterruptedException {
        ChunkReader reader = new ChunkReader(files.chunker(), in, files.chunkBuffer(), files.chunker().max());
        for (ByteBuffer chunk = reader.next(); chunk != null; chunk = reader.next()) {
            if (context.cancelled()) {
                throw new CancellationException("backup cancelled while reading " + path);
            }
            if (saveFailed.get()) {
                return false;
            }
            int size = chunk.remaining();
            ByteBuffer direct = files.pool().acquire();
            direct.put(chunk).flip();
            CompletableFuture<BlobId> saved = files.saver().saveChunk(direct).whenComplete((id, e) -> {
                if (e != null) {
                    saveFailed.set(true);
                }
            });
            chunks.add(saved);
            offset += size;
            context.checkpoints.handed(progress, saved, offset, size);
            context.stats.bytesDone.add(size);
        }
        return true;
    }

    /** Opens the file on the next replica that can, at the end of the last chunk handed in. */
    private ReplicaChannel resume(int failed, IOException failure) throws IOException {
        long at = offset;
        return context.replicas.elsewhere(path, at, failed, failure,
                p -> ReplicaChannel.open(context.opener, p, context.replicas.indexOf(p), at));
    }

    private static void close(ReplicaChannel in, IOException failure) {
        try {
            in.close();
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }
}
