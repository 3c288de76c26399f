package org.stowage.engine.internal.facade;

import java.util.List;
import java.util.function.Supplier;

import org.stowage.api.repository.LockService;
import org.stowage.api.repository.RepositoryLockInfo;
import org.stowage.engine.internal.repo.Repository;

/** {@link LockService} on the engine: the lock blobs of the open repository's device. Thread-safe. */
public final class EngineLockService implements LockService {

    private final RepositoryAccess access;

    public EngineLockService(Supplier<Repository> repository) {
        this.access = new RepositoryAccess(repository);
    }

    @Override
    public List<RepositoryLockInfo> locks() {
        return access.call("listing the repository's locks", repo -> repo.administration().locks());
    }

    @Override
    public List<RepositoryLockInfo> unlock(boolean all) {
        return access.call(all ? "removing every lock" : "removing stale locks",
                repo -> repo.administration().unlock(all));
    }
}
