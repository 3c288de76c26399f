package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.stowage.api.repository.ProgressListener;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.CheckpointStore;
import org.stowage.engine.internal.snapshot.Checkpoint;

/**
 * Writes the progress of a backup from replicas into the repository as it goes (docs/design.md §14a): after every
 * {@code interval} bytes handed to the repository and at every replica switch, a new checkpoint, then the previous
 * one is deleted (never before its replacement is durable); after the snapshot is committed, the last one. A
 * failed checkpoint write is reported as a warning and the backup goes on: checkpoints are for whoever continues
 * the work, the snapshot does not depend on them. Thread-safe; a periodic write that finds another write in
 * progress skips its turn rather than wait (the switch's waits: the write in progress may predate the switch).
 */
final class CheckpointWriter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CheckpointStore store;
    private final Replicas replicas;
    private final ProgressListener listener;
    private final String run = HexFormat.of().formatHex(bytes());
    private final String host;
    private final String source;
    private final long interval;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong sinceLast = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private final ConcurrentSkipListMap<Long, InFlight> inFlight = new ConcurrentSkipListMap<>();
    private final ReentrantLock writing = new ReentrantLock();
    private String previous;

    CheckpointWriter(CheckpointStore store, Replicas replicas, ProgressListener listener, String host, Path source,
                     long interval) {
        this.store = store;
        this.replicas = replicas;
        this.listener = listener;
        this.host = host;
        this.source = source.toString();
        this.interval = interval;
    }

    /** A file the walk handed to a reader; called in walk order (from the walker's thread). */
    InFlight started(Path path, SourceMeta meta) {
        InFlight file = new InFlight(sequence.incrementAndGet(), replicas.relative(path).toString(), meta.size(),
                meta.mtimeNanos());
        inFlight.put(file.sequence, file);
        return file;
    }

    /** A chunk of {@code file} ending at {@code end} was handed to the repository. */
    void handed(InFlight file, CompletableFuture<BlobId> chunk, long end, int size) {
        synchronized (file) {
            file.chunks.add(chunk);
            file.ends.add(end);
        }
        if (sinceLast.addAndGet(size) >= interval) {
            write(false);
        }
    }

    /** {@code file} continues after {@code content}, chunks an earlier run stored, which end at {@code offset}. */
    void continued(InFlight file, List<CompletableFuture<BlobId>> content, long offset) {
        synchronized (file) {
            for (CompletableFuture<BlobId> chunk : content) {
                file.chunks.add(chunk);
                file.ends.add(offset); // all complete: the stored prefix ends at the last one
            }
        }
    }

    void finished(InFlight file) {
        inFlight.remove(file.sequence);
        filesDone.incrementAndGet();
    }

    /**
     * After a switch: the next process to look sees where this one went on from. Waits for a write in progress (it
     * may have been composed before the switch) rather than skip its turn.
     */
    void switched() {
        write(true);
    }

    /** Writes a checkpoint now unless another thread is writing one. */
    void write(boolean wait) {
        if (wait) {
            writing.lock();
        } else if (!writing.tryLock()) {
            return;
        }
        try {
            sinceLast.set(0);
            String id = store.save(checkpoint());
            String replaced = previous;
            previous = id;
            if (replaced != null) {
                store.delete(replaced);
            }
        } catch (IOException | RuntimeException e) {
            listener.warning(source, "cannot write the backup's checkpoint (" + e.getMessage() + "); the backup goes"
                    + " on, but another process could not continue it from here");
        } finally {
            writing.unlock();
        }
    }

    /**
     * The snapshot is durable: this run's checkpoint is not needed any more, nor those that runs of the same source
     * and replicas which started before {@code start} left behind (crashed: had one finished, it had deleted its own;
     * this snapshot covers what they did).
     */
    void committed(Instant start) {
        writing.lock();
        try {
            if (previous != null) {
                store.delete(previous);
                previous = null;
            }
            for (CheckpointStore.Stored left : store.list()) {
                Checkpoint old = left.checkpoint();
                if (old.source().equals(source) && old.roots().equals(replicas.rootNames())
                        && old.time().isBefore(start) && !old.run().equals(run)) {
                    store.delete(left.id());
                }
            }
        } catch (IOException e) {
            listener.warning(source, "cannot delete the backup's last checkpoint " + previous + " (" + e.getMessage()
                    + "); it is ignored, a later backup of the same replicas removes it");
        } finally {
            writing.unlock();
        }
    }

    Checkpoint checkpoint() {
        List<Checkpoint.FileProgress> files = new ArrayList<>();
        for (InFlight file : inFlight.values()) {
            files.add(file.progress());
        }
        Map.Entry<Long, InFlight> first = inFlight.firstEntry();
        return new Checkpoint(Checkpoint.FORMAT, run, host, Instant.now(), source, replicas.rootNames(),
                replicas.current(), filesDone.get(), first == null ? null : first.getValue().path, files,
                replicas.switches());
    }

    private static byte[] bytes() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return id;
    }

    /** One file being read: the chunks handed in so far, in file order, and where each ends. */
    static final class InFlight {

        private final long sequence;
        private final String path;
        private final long size;
        private final long mtimeNanos;
        private final List<CompletableFuture<BlobId>> chunks = new ArrayList<>();
        private final List<Long> ends = new ArrayList<>();

        private InFlight(long sequence, String path, long size, long mtimeNanos) {
            this.sequence = sequence;
            this.path = path;
            this.size = size;
            this.mtimeNanos = mtimeNanos;
        }

        /** The stored prefix: the chunks whose saves completed, up to the first one still in progress. */
        synchronized Checkpoint.FileProgress progress() {
            List<BlobId> stored = new ArrayList<>();
            long offset = 0;
            for (int i = 0; i < chunks.size() && chunks.get(i).isDone()
                    && !chunks.get(i).isCompletedExceptionally(); i++) {
                stored.add(chunks.get(i).join());
                offset = ends.get(i);
            }
            return new Checkpoint.FileProgress(path, size, mtimeNanos, offset, stored);
        }
    }
}
