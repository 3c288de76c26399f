package org.stowage.engine.internal.facade;

import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.PruneResult;
import org.stowage.api.repository.RetentionPolicy;
import org.stowage.api.repository.RetentionService;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.engine.internal.prune.Pruner;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.retention.ForgetPolicy;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * {@link RetentionService} on the engine. Forget removes only snapshot manifests (data stays until prune), so it
 * needs no lock: a running backup whose parent is forgotten still finds that data. Thread-safe.
 */
public final class EngineRetentionService implements RetentionService {

    private final RepositoryAccess access;
    private final ZoneId zone;

    /** @param zone the time zone of the hourly/daily/... buckets (the operator's, usually the system's) */
    public EngineRetentionService(Supplier<Repository> repository, ZoneId zone) {
        this.access = new RepositoryAccess(repository);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public ForgetResult forget(RetentionPolicy policy, Set<String> tags, boolean dryRun) {
        return access.call("forgetting snapshots by policy " + policy, repo -> {
            List<SnapshotRecord> candidates = repo.snapshots().stream()
                    .filter(s -> s.snapshot().tags().containsAll(tags))
                    .toList();
            ForgetPolicy.Decision decision = new ForgetPolicy(policy, zone).decide(candidates);
            if (!dryRun) {
                for (SnapshotRecord removed : decision.remove()) {
                    delete(repo, removed.id());
                }
            }
            return new ForgetResult(decision.keep().stream().map(SnapshotFinder::info).toList(),
                    decision.remove().stream().map(SnapshotFinder::info).toList(), dryRun);
        });
    }

    /**
     * Another process forgetting by the same policy picks the same snapshots, and forget takes no lock: one that is
     * already gone was forgotten by it, which is what was asked.
     */
    private static void delete(Repository repo, String id) throws IOException {
        try {
            repo.deleteSnapshot(id);
        } catch (SnapshotNotFoundException forgottenMeanwhile) {
            return;
        }
    }

    /** Delegates to the storage layer's {@link Pruner}, which holds the repository's lock exclusively. */
    @Override
    public PruneResult prune(boolean dryRun, ProgressListener listener) {
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        return access.call(dryRun ? "prune --dry-run" : "prune", repo -> new Pruner(repo, progress).prune(dryRun));
    }
}
