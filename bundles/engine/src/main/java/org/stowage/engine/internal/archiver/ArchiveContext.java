package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.stowage.api.repository.ProgressListener;
import org.stowage.engine.internal.repo.Repository;

/**
 * What every stage of one backup run shares: the repository, counters, the listener, the source opener, the owner
 * names met so far and the cancellation flag (set once when the run fails, so that workers stop early). Thread-safe.
 */
final class ArchiveContext {

    final Repository repository;
    final ArchiveStats stats = new ArchiveStats();
    final ProgressListener listener;
    final SourceOpener opener;
    final OwnerNames ownerNames = new OwnerNames();
    /** The source's replicas in a backup from replicas, else null. */
    final Replicas replicas;
    /** Writes the progress of a backup from replicas, else null. */
    final CheckpointWriter checkpoints;
    /** What an earlier run of the same replicas left to continue; {@link Continuation#NONE} if nothing. */
    final Continuation continuation;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile String current = "";

    ArchiveContext(Repository repository, ProgressListener listener, SourceOpener opener) {
        this(repository, listener, opener, null, null, Continuation.NONE);
    }

    ArchiveContext(Repository repository, ProgressListener listener, SourceOpener opener, Replicas replicas,
                   CheckpointWriter checkpoints, Continuation continuation) {
        this.repository = repository;
        this.listener = listener;
        this.opener = opener;
        this.replicas = replicas;
        this.checkpoints = checkpoints;
        this.continuation = continuation;
    }

    /** Runs a read of the walk on {@code path}: on the current replica and failing over, or on the path itself. */
    <T> T onSource(Path path, Replicas.Op<T> op) throws IOException {
        return replicas == null ? op.apply(path) : replicas.call(path, op);
    }

    boolean cancelled() {
        return cancelled.get();
    }

    void cancel() {
        cancelled.set(true);
    }

    /** An item that could not be read: warned about, counted, and the backup goes on. */
    void error(Path path, String message) {
        stats.errors.increment();
        listener.warning(path.toString(), message);
    }

    void fileDone(long bytes) {
        stats.filesDone.increment();
        stats.bytesDone.add(bytes);
    }

    void current(Path path) {
        current = path.toString();
    }

    String current() {
        return current;
    }
}
