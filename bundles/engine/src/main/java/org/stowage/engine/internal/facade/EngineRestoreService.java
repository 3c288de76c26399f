package org.stowage.engine.internal.facade;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.RestoreService;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.restorer.RestoreOptions;
import org.stowage.engine.internal.restorer.Restorer;
import org.stowage.engine.internal.selection.ExcludeRules;
import org.stowage.engine.internal.selection.PathPattern;
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
                repo -> new Restorer(repo, request.sparse()).restore(snapshot.snapshot(), request.target(), options(request),
                        listener == null ? ProgressListener.NONE : listener));
    }

    /** @throws StowageException naming an exclude pattern that is not valid (before anything is written) */
    static RestoreOptions options(RestoreRequest request) {
        List<PathPattern> excludes = new ArrayList<>();
        for (String pattern : request.excludes()) {
            try {
                excludes.add(PathPattern.compile(pattern, false));
            } catch (IllegalArgumentException e) {
                throw new StowageException("restore --exclude: " + e.getMessage(), e);
            }
        }
        return new RestoreOptions(request.includes(), new ExcludeRules(excludes), request.overwrite(),
                request.verify());
    }
}
