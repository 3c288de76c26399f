package org.stowage.engine.internal.facade;

import java.util.function.Supplier;

import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.CheckService;
import org.stowage.api.repository.ProgressListener;
import org.stowage.engine.internal.check.Checker;
import org.stowage.engine.internal.repo.Repository;

/** {@link CheckService} on the engine's {@link Checker}. Never changes the repository. Thread-safe. */
public final class EngineCheckService implements CheckService {

    private final RepositoryAccess access;

    public EngineCheckService(Supplier<Repository> repository) {
        this.access = new RepositoryAccess(repository);
    }

    @Override
    public CheckReport check(boolean readData, ProgressListener listener) {
        return check(readData, null, listener);
    }

    @Override
    public CheckReport check(boolean readData, String device, ProgressListener listener) {
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        return access.call(readData ? "check --read-data" : "check",
                repo -> new Checker(repo, progress, device, threads).check(readData));
    }
}
