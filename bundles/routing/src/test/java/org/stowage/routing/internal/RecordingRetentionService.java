package org.stowage.routing.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.PruneResult;
import org.stowage.api.repository.RetentionPolicy;
import org.stowage.api.repository.RetentionService;
import org.stowage.api.repository.StowageException;

/** Test double: records forget and prune calls in order; forget can be made to fail. */
final class RecordingRetentionService implements RetentionService {

    /** "forget <policy>" and "prune", in call order. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile String forgetFailure;

    @Override
    public ForgetResult forget(RetentionPolicy policy, Set<String> tags, boolean dryRun) {
        calls.add("forget " + policy + " " + tags + (dryRun ? " dry-run" : ""));
        if (forgetFailure != null) {
            throw new StowageException(forgetFailure);
        }
        return new ForgetResult(List.of(), List.of(), dryRun);
    }

    @Override
    public PruneResult prune(boolean dryRun, ProgressListener listener) {
        calls.add("prune" + (dryRun ? " dry-run" : ""));
        return new PruneResult(0, 0, 0, 0, dryRun, Duration.ZERO);
    }
}
