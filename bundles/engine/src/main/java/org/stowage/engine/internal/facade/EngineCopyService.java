package org.stowage.engine.internal.facade;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.stowage.api.repository.CopyResult;
import org.stowage.api.repository.CopyService;
import org.stowage.api.repository.ProgressListener;
import org.stowage.engine.internal.copy.Copier;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/** {@link CopyService} on the engine's {@link Copier}. Thread-safe. */
public final class EngineCopyService implements CopyService {

    private final RepositoryAccess access;

    public EngineCopyService(Supplier<Repository> repository) {
        this.access = new RepositoryAccess(repository);
    }

    @Override
    public CopyResult copy(List<String> snapshots, List<String> toDevices, boolean move, ProgressListener listener) {
        if (snapshots.isEmpty() || toDevices.isEmpty()) {
            throw new IllegalArgumentException("a copy needs at least one snapshot and one target device");
        }
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        return access.call((move ? "moving" : "copying") + " snapshots " + snapshots + " to " + toDevices, repo -> {
            List<SnapshotRecord> records = new ArrayList<>();
            for (String snapshot : snapshots) {
                records.add(SnapshotFinder.find(repo, snapshot));
            }
            return new Copier(repo, progress).copy(records, List.copyOf(toDevices), move);
        });
    }
}
