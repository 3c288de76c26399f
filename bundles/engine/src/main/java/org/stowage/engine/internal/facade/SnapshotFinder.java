package org.stowage.engine.internal.facade;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/** Finds snapshots by id, unique id prefix or {@code latest}, and converts them to the api model. Stateless. */
final class SnapshotFinder {

    static final String LATEST = "latest";

    private SnapshotFinder() {
    }

    /**
     * @throws SnapshotNotFoundException if no snapshot, or more than one, matches
     */
    static SnapshotRecord find(Repository repository, String idOrPrefix) throws IOException {
        List<SnapshotRecord> all = repository.snapshots();
        if (LATEST.equals(idOrPrefix)) {
            if (all.isEmpty()) {
                throw new SnapshotNotFoundException("there is no snapshot yet, so none is 'latest'; run a backup");
            }
            return all.get(all.size() - 1);
        }
        if (idOrPrefix == null || idOrPrefix.isEmpty()) {
            throw new SnapshotNotFoundException("no snapshot id given; use an id, a unique id prefix or 'latest'");
        }
        List<SnapshotRecord> matches = all.stream().filter(r -> r.id().startsWith(idOrPrefix)).toList();
        if (matches.isEmpty()) {
            throw new SnapshotNotFoundException("no snapshot has an id starting with '" + idOrPrefix
                    + "'; list the snapshots to see their ids");
        }
        if (matches.size() > 1) {
            throw new SnapshotNotFoundException(matches.size() + " snapshots have ids starting with '" + idOrPrefix
                    + "'; give more characters of the id");
        }
        return matches.get(0);
    }

    /** The newest snapshot of {@code host} with exactly {@code paths}, to use as a backup's parent. */
    static Optional<SnapshotRecord> latestOf(Repository repository, String host, List<Path> paths)
            throws IOException {
        List<String> wanted = paths.stream().map(Path::toString).sorted().toList();
        List<SnapshotRecord> all = repository.snapshots();
        for (int i = all.size() - 1; i >= 0; i--) {
            Snapshot s = all.get(i).snapshot();
            if (Objects.equals(s.host(), host) && s.paths().stream().sorted().toList().equals(wanted)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    static SnapshotInfo info(SnapshotRecord record) {
        Snapshot s = record.snapshot();
        return new SnapshotInfo(record.id(), s.time(), s.host(), s.paths(), s.tags(), s.parent(), s.stats(),
                s.incompleteReason());
    }
}
