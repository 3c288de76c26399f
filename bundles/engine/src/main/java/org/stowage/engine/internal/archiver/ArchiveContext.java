package org.stowage.engine.internal.archiver;

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
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile String current = "";

    ArchiveContext(Repository repository, ProgressListener listener, SourceOpener opener) {
        this.repository = repository;
        this.listener = listener;
        this.opener = opener;
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
