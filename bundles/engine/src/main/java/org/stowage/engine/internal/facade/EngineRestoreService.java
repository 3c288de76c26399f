package org.stowage.engine.internal.facade;

import java.util.function.Supplier;

import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.RestoreService;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.restorer.Restorer;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/** {@link RestoreService} on the engine: resolves the snapshot and runs the {@link Restorer}. Thread-safe. */
public final class EngineRestoreService implements RestoreService {

    private final RepositoryAccess access;

    public EngineRestoreService(Supplier<Repository> repository) {
        this.access = new RepositoryAccess(repository);
    }

    @Override
    public RestoreResult restore(RestoreRequest request, ProgressListener listener) {
        SnapshotRecord snapshot = access.call("finding snapshot " + request.snapshot(),
                repo -> SnapshotFinder.find(repo, request.snapshot()));
        return access.call("restoring snapshot " + snapshot.id().substring(0, 8) + " into " + request.target(),
                repo -> new Restorer(repo).restore(snapshot.snapshot(), request.target(), request.includes(),
                        listener == null ? ProgressListener.NONE : listener));
    }
}
