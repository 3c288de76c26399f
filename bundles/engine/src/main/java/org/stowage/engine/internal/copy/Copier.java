package org.stowage.engine.internal.copy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.CopyResult;
import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.check.ProgressMeter;
import org.stowage.engine.internal.check.TreeWalker;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackCopies;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.Tree;

/**
 * Copies the packs of snapshots to more devices, or moves them there. For each pack the snapshots reference that a
 * target device lacks: read it from an intact copy (its bytes must hash to its name), write it to every target that
 * lacks it, and record the new copies in an index file (in batches, each durable before the next batch is read). A
 * copy holds the shared lock: backups, restores and checks go on beside it.
 *
 * <p>A move then takes the copies off every other device, under the exclusive lock, in the order that keeps every
 * pack recorded where it is: new copies recorded → the index rewritten without the old locations (the old index
 * files deleted after it) → the old copies deleted. A crash at any step leaves each pack on its old devices, its new
 * ones or both, and recorded at least where it is (a copy the index forgot is found again by the device listing).
 *
 * <p>Not thread-safe: one run per instance.
 */
public final class Copier {

    private static final Logger LOG = LoggerFactory.getLogger(Copier.class);
    /** Packs whose new copies are recorded together in one index file. */
    private static final int BATCH = 256;

    private final Repository repo;
    private final PackCopies packCopies;
    private final ProgressMeter meter;

    public Copier(Repository repo, ProgressListener listener) {
        this.repo = repo;
        this.packCopies = repo.copies();
        this.meter = new ProgressMeter(listener);
    }

    public CopyResult copy(List<SnapshotRecord> snapshots, List<String> to, boolean move) throws IOException {
        long started = System.nanoTime();
        List<String> online = packCopies.onlineDevices();
        for (String device : to) {
            if (!online.contains(device)) {
                throw new StowageException("cannot copy to device '" + device + "': it is not one of the repository's "
                        + "online devices " + online);
            }
        }
        if (move) {
            repo.administration().requireEveryMetadataDevice("move to " + to);
        }
        String operation = (move ? "move" : "copy") + " of " + snapshots.size() + " snapshot(s) to " + to;
        try (Repository.Lease lease = move ? repo.administration().lockExclusive(operation)
                : repo.lockShared(operation)) {
            Set<String> packs = packsOf(snapshots);
            long[] made = copyAll(packs, to);
            long removed = move ? removeOthers(packs, to, lease) : 0;
            return new CopyResult(packs.size(), made[0], made[1], removed,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Every pack the snapshots reference (their trees' packs and their files' data packs), each once. */
    private Set<String> packsOf(List<SnapshotRecord> snapshots) throws IOException {
        Set<String> packs = new TreeSet<>();
        TreeWalker walker = new TreeWalker(repo);
        snapshots.forEach(s -> walker.addRoot(s.snapshot().tree(), "snapshot " + s.id().substring(0, 8)));
        meter.phase("find packs", -1, -1);
        walker.walk(new TreeWalker.Visitor() {
            @Override
            public void tree(BlobId id, String path, Tree tree) {
                packs.add(packOf(BlobKind.TREE, id, path));
                for (Node node : tree.nodes()) {
                    node.content().forEach(data -> packs.add(packOf(BlobKind.DATA, data, path + node.name())));
                }
                meter.advance(0, path);
            }

            @Override
            public void unreadable(BlobId id, String path, Exception problem) {
                throw new IntegrityException("copy stopped before writing anything: tree " + id.hex() + " at " + path
                        + " is unreadable (" + problem.getMessage() + "). Run check", problem);
            }
        });
        meter.endPhase();
        return packs;
    }

    private String packOf(BlobKind kind, BlobId id, String path) {
        return repo.lookup(kind, id).orElseThrow(() -> new IntegrityException("copy stopped before writing anything: "
                + path + " references " + kind.name().toLowerCase() + " blob " + id.hex() + ", which no pack holds."
                + " Run check")).packId();
    }

    /** Returns {copies made, bytes written}. */
    private long[] copyAll(Set<String> packs, List<String> to) throws IOException {
        meter.phase("copy", packs.size(), -1);
        long copies = 0;
        long bytes = 0;
        Map<List<String>, Set<String>> batch = new TreeMap<>(Copier::compareLists);
        int batched = 0;
        for (String pack : packs) {
            List<String> missing = new ArrayList<>(to);
            missing.removeAll(packCopies.copiesOf(pack));
            if (!missing.isEmpty()) {
                ByteBuffer content = packCopies.readPack(pack);
                for (String device : missing) {
                    packCopies.writeCopy(pack, device, content.duplicate());
                    copies++;
                    bytes += content.remaining();
                }
                batch.computeIfAbsent(missing, k -> new TreeSet<>()).add(pack);
                if (++batched >= BATCH) {
                    record(batch);
                    batched = 0;
                }
            }
            meter.advance(0, "data/" + pack);
        }
        record(batch);
        meter.endPhase();
        return new long[] {copies, bytes};
    }

    private void record(Map<List<String>, Set<String>> batch) throws IOException {
        for (Map.Entry<List<String>, Set<String>> entry : batch.entrySet()) {
            packCopies.recordCopies(entry.getValue(), entry.getKey());
        }
        batch.clear();
    }

    /** The move's second half: the index without the old locations, then the old copies deleted. */
    private long removeOthers(Set<String> packs, List<String> to, Repository.Lease lease) throws IOException {
        Map<String, List<String>> others = new TreeMap<>();
        for (String pack : packs) {
            List<String> old = new ArrayList<>(packCopies.copiesOf(pack));
            old.removeAll(to);
            if (!old.isEmpty()) {
                others.put(pack, old);
                packCopies.forgetCopies(pack, old);
            }
        }
        if (others.isEmpty()) {
            return 0;
        }
        repo.format().replaceIndex(lease);
        meter.phase("remove old copies", others.size(), -1);
        List<String> online = packCopies.onlineDevices();
        long removed = 0;
        for (Map.Entry<String, List<String>> pack : others.entrySet()) {
            for (String device : pack.getValue()) {
                if (!online.contains(device)) {
                    LOG.warn("move: the copy of data/{} on device '{}' stays: the device is not online (the listing "
                            + "records it again when it is; move again to remove it)", pack.getKey(), device);
                    continue;
                }
                lease.ensureHeld();
                packCopies.deleteCopy(pack.getKey(), device);
                removed++;
            }
            meter.advance(0, "data/" + pack.getKey());
        }
        meter.endPhase();
        return removed;
    }

    private static int compareLists(List<String> a, List<String> b) {
        return String.join(",", a).compareTo(String.join(",", b));
    }
}
