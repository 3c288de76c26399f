package org.stowage.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.CheckService;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.RestoreService;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.archiver.Archiver;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.restorer.Restorer;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * Stand-ins for the engine's api facades until they are merged: the same {@link Archiver} and {@link Restorer}
 * that the facades drive, with the facades' parent and "latest" rules. Replaced by the real facades as soon as
 * they exist, so that the bench measures exactly what the shell runs.
 */
final class InterimServices {

    private InterimServices() {
    }

    static final class Backup implements BackupService {
        private final Repository repository;

        Backup(Repository repository) {
            this.repository = repository;
        }

        @Override
        public SnapshotInfo backup(BackupRequest request, ProgressListener listener) {
            String host = request.host() != null ? request.host() : hostName();
            List<String> paths = request.paths().stream().map(p -> p.toAbsolutePath().normalize().toString())
                    .toList();
            SnapshotRecord parent = null;
            if (!"none".equals(request.parent())) {
                for (SnapshotRecord r : snapshots(repository)) { // oldest first: the last match is the latest
                    if (r.snapshot().host().equals(host) && r.snapshot().paths().equals(paths)) {
                        parent = r;
                    }
                }
            }
            SnapshotRecord saved = new Archiver(repository).backup(request.paths(), host, request.tags(), parent,
                    listener);
            return new SnapshotInfo(saved.id(), saved.snapshot().time(), saved.snapshot().host(),
                    saved.snapshot().paths(), saved.snapshot().tags(),
                    saved.snapshot().parent(), saved.snapshot().stats(), saved.snapshot().incompleteReason());
        }
    }

    static final class Restore implements RestoreService {
        private final Repository repository;

        Restore(Repository repository) {
            this.repository = repository;
        }

        @Override
        public RestoreResult restore(RestoreRequest request, ProgressListener listener) {
            List<SnapshotRecord> all = snapshots(repository);
            SnapshotRecord chosen = null;
            if ("latest".equals(request.snapshot())) {
                chosen = all.isEmpty() ? null : all.get(all.size() - 1);
            } else {
                for (SnapshotRecord r : all) {
                    if (r.id().startsWith(request.snapshot())) {
                        chosen = r;
                    }
                }
            }
            if (chosen == null) {
                throw new SnapshotNotFoundException("no snapshot " + request.snapshot());
            }
            return new Restorer(repository).restore(chosen.snapshot(), request.target(), request.includes(),
                    listener);
        }
    }

    static final class Check implements CheckService {
        private final Repository repository;

        Check(Repository repository) {
            this.repository = Objects.requireNonNull(repository);
        }

        @Override
        public CheckReport check(boolean readData, ProgressListener listener) {
            throw new StowageException("the engine has no checker yet (branch model); the bench runs check once "
                    + "the CheckService facade is merged");
        }
    }

    private static List<SnapshotRecord> snapshots(Repository repository) {
        try {
            return repository.snapshots();
        } catch (java.io.IOException e) {
            throw new StowageException("cannot list snapshots: " + e, e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
