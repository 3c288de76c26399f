package org.stowage.engine.internal.facade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.api.repository.StowageException;
import org.stowage.api.volume.VolumeBackupResult;
import org.stowage.api.volume.VolumeBlocks;
import org.stowage.api.volume.VolumeInfo;
import org.stowage.api.volume.VolumeService;
import org.stowage.engine.internal.archiver.VolumeArchiver;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.volume.BlockQuery;
import org.stowage.engine.internal.volume.VolumeBackups;
import org.stowage.engine.internal.volume.VolumeDefinition;
import org.stowage.engine.internal.volume.VolumeExports;
import org.stowage.engine.internal.volume.VolumeFile;
import org.stowage.engine.internal.volume.VolumeRecords;
import org.stowage.engine.internal.volume.VolumeRestorer;

/**
 * {@link VolumeService} on the engine: the configured volumes (added and removed by their configurations), their
 * exports, backups ({@link VolumeBackups}), restores and block queries. One backup or restore per volume at a time.
 * Thread-safe.
 */
public final class EngineVolumeService implements VolumeService, AutoCloseable {

    private final RepositoryAccess access;
    private final VolumeExports exports;
    private final String host;
    private final Map<String, VolumeDefinition> volumes = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();

    /** Snapshots record this host's name, as file backups do. */
    public EngineVolumeService(Supplier<Repository> repository, Path stateRoot) {
        this(repository, stateRoot, EngineBackupService.localHost());
    }

    public EngineVolumeService(Supplier<Repository> repository, Path stateRoot, String host) {
        this.access = new RepositoryAccess(repository);
        this.exports = new VolumeExports(stateRoot);
        this.host = host;
    }

    public void add(VolumeDefinition volume) {
        volumes.put(volume.name(), volume);
    }

    /** Forgets a volume whose configuration was removed; its export ends. */
    public void remove(String name) throws IOException {
        volumes.remove(name);
        exports.unexport(name);
    }

    @Override
    public List<VolumeInfo> volumes() {
        List<VolumeInfo> out = new ArrayList<>();
        for (VolumeDefinition v : volumes.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            Optional<SnapshotRecord> latest = access.call("listing the snapshots of volume " + v.name(),
                    repo -> VolumeRecords.latest(repo, v.name(), host));
            long dirty = exports.tracker(v.name()).map(t -> (long) t.status().dirty().cardinality()).orElse(-1L);
            out.add(new VolumeInfo(v.name(), v.path().toString(), v.blockSize(), sizeOf(v.path()),
                    exports.describe(v.name()), latest.map(SnapshotRecord::id).orElse(null), dirty));
        }
        return out;
    }

    private static long sizeOf(Path path) {
        try (VolumeFile f = VolumeFile.open(path, false)) {
            return f.size();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public VolumeBlocks blocks(String volume) {
        VolumeDefinition v = definition(volume);
        return access.call("querying the blocks of volume " + volume,
                repo -> BlockQuery.query(repo, v, exports.tracker(volume).orElse(null), host));
    }

    @Override
    public String export(String volume) {
        VolumeDefinition v = definition(volume);
        try {
            return exports.export(v);
        } catch (IOException e) {
            throw new StowageException("cannot export volume '" + volume + "' (" + v.path() + ") on " + v.export()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void unexport(String volume) {
        definition(volume);
        try {
            exports.unexport(volume);
        } catch (IOException e) {
            throw new StowageException("ending the export of volume '" + volume + "' failed: " + e.getMessage()
                    + "; its tracking falls back to hash comparison for the blocks it could not save", e);
        }
    }

    @Override
    public VolumeBackupResult backup(String volume, boolean full, Set<String> tags, ProgressListener listener) {
        VolumeDefinition v = definition(volume);
        return exclusively(volume, "backup", () -> access.call("backup of volume " + volume,
                repo -> new VolumeBackups(new VolumeArchiver(repo, Runtime.getRuntime().availableProcessors()), repo)
                        .backup(v, exports.tracker(volume).orElse(null), full, host, tags,
                                listener == null ? ProgressListener.NONE : listener)));
    }

    @Override
    public long[] restore(String volume, String snapshot, Path target) {
        VolumeDefinition v = definition(volume);
        for (VolumeDefinition other : volumes.values()) {
            if (exports.tracker(other.name()).isPresent() && same(other.path(), target)) {
                throw new StowageException("cannot restore onto " + target + ": it is volume '" + other.name()
                        + "', exported now; run stowage:volume-unexport " + other.name() + " first");
            }
        }
        return exclusively(volume, "restore", () -> access.call("restore of volume " + volume + " to " + target,
                repo -> {
                    SnapshotRecord s = find(repo, volume, snapshot);
                    try (Repository.Lease lease = repo.lockForReading("restore of volume " + volume)) {
                        VolumeRestorer.Result r = new VolumeRestorer(repo, Runtime.getRuntime().availableProcessors())
                                .restore(VolumeRecords.record(repo, s), target);
                        return new long[] {r.blocksWritten(), r.blocksEqual()};
                    }
                }));
    }

    private SnapshotRecord find(Repository repo, String volume, String snapshot) throws IOException {
        if (snapshot == null || "latest".equals(snapshot)) {
            return VolumeRecords.latest(repo, volume, host).orElseThrow(() -> new SnapshotNotFoundException("volume '"
                    + volume + "' has no snapshot from host " + host + " yet; back it up first, or name a snapshot"
                    + " of another host by its id"));
        }
        SnapshotRecord s = SnapshotFinder.find(repo, snapshot);
        if (!VolumeRecords.volumeOf(s).filter(volume::equals).isPresent()) {
            throw new SnapshotNotFoundException("snapshot " + s.id().substring(0, 8) + " is not a snapshot of volume '"
                    + volume + "' (it holds " + s.snapshot().paths() + ")");
        }
        return s;
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b);
        }
    }

    private VolumeDefinition definition(String volume) {
        VolumeDefinition v = volumes.get(volume);
        if (v == null) {
            throw new StowageException("no volume '" + volume + "' is configured (known: " + volumes.keySet().stream()
                    .sorted().toList() + "); add etc/org.stowage.volume-" + volume + ".cfg with name and path");
        }
        return v;
    }

    private <T> T exclusively(String volume, String what, Supplier<T> call) {
        ReentrantLock lock = running.computeIfAbsent(volume, k -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new StowageException("a backup or restore of volume '" + volume + "' is running; the " + what
                    + " was not started, run it again after that one");
        }
        try {
            return call.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        exports.close();
    }
}
