package org.stowage.engine.internal.browse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.api.repository.StowageException;
import org.stowage.api.repository.TagChange;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * Changes snapshots' tags. A snapshot's id is the hash of its manifest, so a new tag set means a new manifest:
 * under the repository's shared lock (a prune cannot run meanwhile), the new manifest is written and durable
 * ({@link Repository#saveSnapshot}) before the old one is deleted. A crash between the two leaves both (the same
 * tree twice, differing in tags: {@code stowage:forget} or a second tag run removes the extra one); never neither.
 * Everything else in the manifest (time, host, paths, parent, stats, selection) is kept, so the snapshot restores as
 * before; other snapshots naming the old id as their parent keep that id (a parent is a record of where a backup
 * started, not a link that is followed). One call per instance.
 */
public final class Retagger {

    private final Repository repo;

    public Retagger(Repository repo) {
        this.repo = repo;
    }

    /** The snapshots as they are afterwards, in the order given; unchanged ones keep their id. */
    public List<SnapshotRecord> retag(List<SnapshotRecord> snapshots, TagChange change) throws IOException {
        List<SnapshotRecord> out = new ArrayList<>();
        try (Repository.Lease lease = repo.lockShared("tag of " + snapshots.size() + " snapshot(s)")) {
            for (SnapshotRecord record : snapshots) {
                out.add(retag(record, change, lease));
            }
        }
        return out;
    }

    private SnapshotRecord retag(SnapshotRecord record, TagChange change, Repository.Lease lease)
            throws IOException {
        Snapshot old = record.snapshot();
        Set<String> tags = change.apply(old.tags());
        if (tags.equals(old.tags())) {
            return record;
        }
        Snapshot next = new Snapshot(old.time(), old.host(), old.username(), old.paths(), tags, old.parent(),
                old.tree(), old.stats(), old.incompleteReason(), old.selection(), old.replicas());
        lease.ensureHeld();
        String id;
        try {
            id = repo.saveSnapshot(next);
        } catch (IllegalStateException busy) {
            throw new StowageException("cannot write the new manifest of snapshot " + record.id().substring(0, 8)
                    + " while a backup in this process has data not yet flushed; retry the tag when it has finished",
                    busy);
        }
        if (!id.equals(record.id())) {
            delete(record.id());
        }
        return new SnapshotRecord(id, next);
    }

    /** Another process may have forgotten the old manifest meanwhile: then it is gone, as wanted. */
    private void delete(String id) throws IOException {
        try {
            repo.deleteSnapshot(id);
        } catch (SnapshotNotFoundException forgottenMeanwhile) {
            return;
        }
    }
}
