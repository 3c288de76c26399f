package org.stowage.engine.internal.browse;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.RepositoryStats;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;

/**
 * Counts {@link RepositoryStats}: each distinct tree is loaded once; its restore size (files, directories, bytes
 * below it) is remembered by tree id and added again wherever the tree recurs, and its blobs go into sets of distinct
 * ids. Memory: one entry per distinct tree and per distinct data blob (~100 bytes each). One instance per count.
 */
public final class StatsCounter {

    private final Repository repo;
    private final Map<BlobId, long[]> sizes = new HashMap<>();
    private final Set<BlobId> trees = new HashSet<>();
    private final Set<BlobId> data = new HashSet<>();

    public StatsCounter(Repository repo) {
        this.repo = repo;
    }

    /** @throws IntegrityException if a referenced blob is not in the index (run a check) */
    public RepositoryStats count(List<SnapshotRecord> snapshots) throws IOException {
        long files = 0;
        long dirs = 0;
        long bytes = 0;
        for (SnapshotRecord record : snapshots) {
            long[] size = size(record.snapshot().tree());
            files += size[0];
            dirs += size[1];
            bytes += size[2];
        }
        long[] raw = new long[2];
        trees.forEach(id -> addRaw(BlobKind.TREE, id, raw));
        data.forEach(id -> addRaw(BlobKind.DATA, id, raw));
        return new RepositoryStats(snapshots.size(), files, dirs, bytes, trees.size() + data.size(), raw[0], raw[1]);
    }

    /** {files, dirs, bytes} below {@code tree}. */
    private long[] size(BlobId tree) throws IOException {
        long[] known = tree == null ? null : sizes.get(tree);
        if (known != null) {
            return known;
        }
        long[] size = new long[3];
        if (tree != null) {
            trees.add(tree);
        }
        for (Node node : Trees.load(repo, tree).nodes()) {
            if (node.type() == NodeType.DIR) {
                long[] inner = size(node.subtree());
                size[0] += inner[0];
                size[1] += inner[1] + 1;
                size[2] += inner[2];
            } else {
                size[0]++;
                size[2] += node.size();
                data.addAll(node.content());
            }
        }
        if (tree != null) {
            sizes.put(tree, size);
        }
        return size;
    }

    private void addRaw(BlobKind kind, BlobId id, long[] raw) {
        PackedBlob blob = repo.lookup(kind, id).orElseThrow(() -> new IntegrityException(kind + " blob " + id.hex()
                + " is referenced by a snapshot but not in the index; run stowage:check"));
        raw[0] += blob.plainLength();
        raw[1] += blob.storedLength();
    }
}
