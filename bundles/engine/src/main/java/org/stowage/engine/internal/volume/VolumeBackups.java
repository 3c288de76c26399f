package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import org.stowage.api.repository.ProgressListener;
import org.stowage.api.volume.VolumeBackupResult;
import org.stowage.engine.internal.archiver.VolumeArchiver;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * Chooses how a volume is backed up and runs it: tracked (exported, the tracking vouches for the blocks it does not
 * call dirty, relative to the latest snapshot: only dirty blocks are read), by hash comparison (every block read and
 * compared with the latest record) or full (every block read and counted as stored). An exported volume is read
 * through copy on write whatever the mode, so the snapshot is the volume as it was when the backup began; a failed
 * backup leaves its blocks dirty.
 */
public final class VolumeBackups {

    private final VolumeArchiver archiver;
    private final Repository repo;

    public VolumeBackups(VolumeArchiver archiver, Repository repo) {
        this.archiver = archiver;
        this.repo = repo;
    }

    public VolumeBackupResult backup(VolumeDefinition v, VolumeTracker tracker, boolean full, String host,
                                     Set<String> tags, ProgressListener listener) throws IOException {
        Optional<SnapshotRecord> latest = VolumeRecords.latest(repo, v.name(), host);
        VolumeArchiver.Parent parent = latest.isEmpty() ? null
                : new VolumeArchiver.Parent(latest.get(), VolumeRecords.record(repo, latest.get()));
        if (tracker == null) {
            try (VolumeFile file = VolumeFile.open(v.path(), false)) {
                return result(archiver.backup(v.name(), file.size(), v.blockSize(), file, parent, null, full, host,
                        tags, listener), full || parent == null ? "full" : "hash", file.size());
            }
        }
        boolean comparable = parent != null && parent.record().size() == tracker.size()
                && parent.record().blockSize() == v.blockSize();
        VolumeTracker.TrackedBackup run = tracker.beginBackup(parent == null ? null : parent.snapshot().id(),
                full || !comparable);
        org.stowage.engine.internal.archiver.VolumeBackupResult done;
        try {
            done = archiver.backup(v.name(), tracker.size(), v.blockSize(), run.cow(), parent, run.toRead(), full,
                    host, tags, listener);
        } catch (RuntimeException e) {
            try {
                tracker.endBackup(run, null);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        tracker.endBackup(run, done.snapshot().id());
        return result(done, run.toRead() != null ? "tracked" : full || parent == null ? "full" : "hash",
                tracker.size());
    }

    private static VolumeBackupResult result(org.stowage.engine.internal.archiver.VolumeBackupResult r, String mode,
                                             long size) {
        return new VolumeBackupResult(r.snapshot().id(), mode, r.blocksRead(), r.bytesRead(), size, r.blobsAdded(),
                r.bytesStored(), r.duration());
    }
}
