package org.stowage.engine.internal.prune;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.PruneResult;
import org.stowage.engine.internal.check.ProgressMeter;
import org.stowage.engine.internal.check.TreeWalker;
import org.stowage.engine.internal.memory.MemoryBudget;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.Tree;

/**
 * Removes data no snapshot references. Under the exclusive repository lock: walk every snapshot's trees (any
 * unreadable tree or unindexed referenced blob stops prune before it changes anything), plan (see
 * {@link PrunePlan}: unused packs go, under-used packs and, once there are many, packs below half the target size are
 * repacked), then in this order: copy the referenced blobs of repacked packs into new packs and flush
 * them with their index file; write index files for the whole index; delete every older index file; delete the
 * old packs. A crash between any two steps leaves every snapshot restorable: until the new index is written the
 * old one is intact, afterwards it lists everything that is kept. After a failed prune, reopen the repository.
 */
public final class Pruner {

    public static final double DEFAULT_REPACK_BELOW = 0.8;
    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    private final Repository repo;
    private final ProgressMeter meter;
    private final double repackBelow;

    public Pruner(Repository repo, ProgressListener listener) {
        this(repo, listener, DEFAULT_REPACK_BELOW);
    }

    /** @param repackBelow repack a pack whose referenced bytes are below this fraction of its size */
    public Pruner(Repository repo, ProgressListener listener, double repackBelow) {
        this.repo = repo;
        this.meter = new ProgressMeter(listener);
        this.repackBelow = repackBelow;
    }

    public PruneResult prune(boolean dryRun) throws IOException {
        long started = System.nanoTime();
        if (!dryRun) {
            repo.administration().requireEveryMetadataDevice("prune");
        }
        try (Repository.Lease lease = repo.administration().lockExclusive(dryRun ? "prune (dry run)" : "prune")) {
            Map<String, Long> onDevice = onlinePacks();
            Set<String> lost = lostPacks(onDevice);
            PrunePlan plan = plan(onDevice, referenced(lost));
            if (!dryRun) {
                // repacking saves blobs into packs one at a time on this thread: the packer's buffers and its scratch
                try (MemoryBudget.Grant memory = MemoryBudget.shared().admit("prune", repo.saveMemory(),
                        repo.saveMemory())) {
                    execute(plan, !lost.isEmpty(), lease);
                }
            }
            return new PruneResult(plan.delete().size(), plan.repack().size(), plan.blobsRemoved(),
                    plan.bytesFreed(), dryRun, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Every pack on an online device, with its size as the first device (configured order) that holds it lists it. */
    private Map<String, Long> onlinePacks() throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        repo.copies().listCopies().forEach((pack, where) -> sizes.put(pack, where.values().iterator().next()));
        return sizes;
    }

    /**
     * Packs the index lists but no online device holds any more. The index keeps one location per blob, so a blob that
     * one of them held would look unstored although another pack may hold a copy, and that pack would look
     * unreferenced: the index is first rebuilt without them, which locates such blobs in their surviving copies.
     */
    private Set<String> lostPacks(Map<String, Long> onDevice) throws IOException {
        Set<String> lost = new TreeSet<>(repo.format().indexedPacks().keySet());
        lost.removeAll(onDevice.keySet());
        if (!lost.isEmpty()) {
            LOG.warn("prune: {} indexed pack(s) are missing on every online device {} ({}); locating their blobs in "
                    + "other packs. Run check --read-data", lost.size(), repo.copies().onlineDevices(), lost);
            repo.format().reindexWithout(lost);
        }
        return lost;
    }

    private Map<BlobKind, Set<BlobId>> referenced(Set<String> lost) throws IOException {
        Map<BlobKind, Set<BlobId>> referenced = new EnumMap<>(BlobKind.class);
        referenced.put(BlobKind.TREE, new HashSet<>());
        referenced.put(BlobKind.DATA, new HashSet<>());
        TreeWalker walker = new TreeWalker(repo);
        for (SnapshotRecord snapshot : repo.snapshots()) {
            walker.addRoot(snapshot.snapshot().tree(), "snapshot " + snapshot.id().substring(0, 8));
        }
        meter.phase("find referenced blobs", -1, -1);
        walker.walk(new TreeWalker.Visitor() {
            @Override
            public void tree(BlobId id, String path, Tree tree) throws IOException {
                referenced.get(BlobKind.TREE).add(id);
                for (Node node : tree.nodes()) {
                    for (BlobId data : node.content()) {
                        requireIndexed(BlobKind.DATA, data, path + node.name(), lost);
                        referenced.get(BlobKind.DATA).add(data);
                    }
                }
                meter.advance(0, path);
            }

            @Override
            public void unreadable(BlobId id, String path, Exception problem) {
                throw new IntegrityException("prune stopped before changing anything: tree " + id.hex() + " at "
                        + path + " is unreadable (" + problem.getMessage() + "), so what it references is unknown."
                        + " Run check", problem);
            }
        });
        meter.endPhase();
        return referenced;
    }

    private void requireIndexed(BlobKind kind, BlobId id, String path, Set<String> lost) {
        if (repo.lookup(kind, id).isEmpty()) {
            throw new IntegrityException("prune stopped before changing anything: " + path + " references "
                    + kind.name().toLowerCase() + " blob " + id.hex() + ", which no pack on the device holds"
                    + (lost.isEmpty() ? "" : " (missing packs: " + lost + ")") + ". Run check --read-data");
        }
    }

    private PrunePlan plan(Map<String, Long> onDevice, Map<BlobKind, Set<BlobId>> referenced) {
        List<PackedBlob> indexed = new ArrayList<>();
        repo.forEachIndexed(indexed::add);
        return new PrunePlan(repo.format().indexedPacks(), onDevice, indexed, referenced, repackBelow,
                repo.config().packSize() / 2);
    }

    /**
     * Deletes only while the lock is held, so that no backup of another process can be relying on what goes.
     *
     * @param packsLost whether packs the index files list are gone: the index is then rewritten without them even if
     *                  nothing else goes, so that no blob stays located in a pack that does not exist
     */
    private void execute(PrunePlan plan, boolean packsLost, Repository.Lease lease) throws IOException {
        if (plan.removed().isEmpty() && !packsLost) {
            return;
        }
        repo.format().forgetPacks(plan.removed());
        meter.phase("repack", plan.repack().size(), -1);
        for (Map.Entry<String, List<PackedBlob>> pack : plan.repack().entrySet()) {
            repo.loadBlobs(pack.getValue(), (blob, plain) -> repo.saveBlob(blob.kind(), blob.id(), plain));
            meter.advance(0, "data/" + pack.getKey());
        }
        repo.flush();
        meter.endPhase();
        meter.phase("index", -1, -1);
        repo.format().replaceIndex(lease);
        meter.endPhase();
        meter.phase("delete", plan.removed().size(), -1);
        for (String pack : plan.removed()) {
            lease.ensureHeld();
            repo.copies().deleteEveryCopy(pack);
            meter.advance(0, "data/" + pack);
        }
        meter.endPhase();
    }
}
