package org.stowage.engine.internal.facade;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.DryRunResult;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.PlacementOverride;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.StreamBackupRequest;
import org.stowage.engine.internal.archiver.Archiver;
import org.stowage.engine.internal.archiver.DryRun;
import org.stowage.engine.internal.archiver.SourceOpener;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.selection.Selection;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * {@link BackupService} on the engine: picks the parent snapshot (latest of the same host and paths unless the
 * request names one or says {@code none}), reads the request's selection and runs the {@link Archiver}. Thread-safe; backups may run in parallel.
 */
public final class EngineBackupService implements BackupService {

    static final String NO_PARENT = "none";
    private static final Logger LOG = LoggerFactory.getLogger(EngineBackupService.class);

    private final RepositoryAccess access;
    private final SourceOpener opener;

    public EngineBackupService(Supplier<Repository> repository) {
        this(repository, SourceOpener.FILES);
    }

    /** @param opener opens source files: {@link SourceOpener#FILES} but in tests that break a source on purpose */
    public EngineBackupService(Supplier<Repository> repository, SourceOpener opener) {
        this.access = new RepositoryAccess(repository);
        this.opener = opener;
    }

    @Override
    public SnapshotInfo backup(BackupRequest request, ProgressListener listener) {
        String host = request.host() != null ? request.host() : localHost();
        Selection selection = Selection.of(request.selection());
        List<Path> paths = allPaths(request, selection);
        SnapshotRecord parent = access.call("finding the parent snapshot", repo -> {
            if (NO_PARENT.equals(request.parent())) {
                return null;
            }
            if (request.parent() != null) {
                return SnapshotFinder.find(repo, request.parent());
            }
            return SnapshotFinder.latestOf(repo, host, Archiver.sourcePaths(paths)).orElse(null);
        });
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        if (request.hasReplicas()) {
            return placed(request.placement(), paths, archiver -> archiver.backupReplicas(paths.get(0),
                    request.replicas(), selection, host, request.tags(), parent, progress));
        }
        return placed(request.placement(), paths, archiver -> archiver.backup(paths, selection, host, request.tags(),
                parent, progress));
    }

    @Override
    public SnapshotInfo backup(StreamBackupRequest request, InputStream content, ProgressListener listener) {
        String host = request.host() != null ? request.host() : localHost();
        List<Path> paths = List.of(Path.of(request.path()));
        SnapshotRecord parent = access.call("finding the parent snapshot",
                repo -> SnapshotFinder.latestOf(repo, host, paths).orElse(null));
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        ReadableByteChannel channel = Channels.newChannel(content); // not closed: the caller owns the stream
        return placed(request.placement(), paths, archiver -> archiver.backupStream(request.name(), channel, host,
                request.tags(), parent, progress));
    }

    /** Runs a backup on the repository, or on a view of it that places packs as {@code placement} says. */
    private SnapshotInfo placed(PlacementOverride placement, List<Path> paths, Function<Archiver, SnapshotRecord> run) {
        Repository repository = access.repository();
        if (placement.isRepositorys()) {
            return SnapshotFinder.info(run.apply(archiver(repository)));
        }
        Repository placed = repository.withPlacement(placement);
        try {
            return SnapshotFinder.info(run.apply(archiver(placed)));
        } finally {
            try {
                placed.close();
            } catch (IOException e) {
                LOG.warn("closing the placement of the backup of {} failed: {}", paths, e.toString());
            }
        }
    }

    private Archiver archiver(Repository repository) {
        return new Archiver(repository, opener, Runtime.getRuntime().availableProcessors());
    }

    /** Needs no repository: the walk reads metadata only. */
    @Override
    public DryRunResult dryRun(BackupRequest request, Consumer<NodeInfo> entries, ProgressListener listener) {
        Selection selection = Selection.of(request.selection());
        return DryRun.run(allPaths(request, selection), selection,
                (path, node) -> entries.accept(EngineSnapshotService.info(path.toString(), node)),
                listener == null ? ProgressListener.NONE : listener);
    }

    /** The request's paths, then those its files-from list names. */
    private static List<Path> allPaths(BackupRequest request, Selection selection) {
        List<Path> all = new ArrayList<>(request.paths());
        all.addAll(selection.listedPaths());
        return all;
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            LOG.warn("cannot resolve this host's name ({}); the snapshot records host 'localhost', set the job's host"
                    + " to group its snapshots correctly", e.getMessage());
            return "localhost";
        }
    }
}
