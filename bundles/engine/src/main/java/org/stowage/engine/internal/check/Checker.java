package org.stowage.engine.internal.check;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.memory.MemoryBudget;
import org.stowage.engine.internal.memory.WorkerThreads;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/**
 * Checks a repository without changing anything. Structure: every snapshot loads; every tree reachable from a
 * snapshot loads and parses; every blob a tree references is indexed; every copy of an indexed pack that the index
 * records on an online device exists there with the indexed size. With {@code readData}, also reads every copy (or
 * those of one device), verifies its SHA-256 against its name and decodes every blob its header lists, on several
 * threads ({@link PackVerifier}). Problems become lines of the report; only a
 * failure to list the device aborts. Not thread-safe: one check per instance (it uses its own pool internally).
 */
public final class Checker {

    private final Repository repo;
    private final ProgressMeter meter;
    private final String onlyDevice;
    private final List<String> errors = new ArrayList<>();
    private final int threads;
    private long blobs;
    private long bytesRead;

    public Checker(Repository repo, ProgressListener listener) {
        this(repo, listener, null, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * @param onlyDevice the one device whose copies {@code check(true)} reads, or null for every copy on every online
     *                   device
     * @param threads    packs read and verified at once by {@code check(true)}
     */
    public Checker(Repository repo, ProgressListener listener, String onlyDevice, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.repo = repo;
        this.meter = new ProgressMeter(listener);
        this.onlyDevice = onlyDevice;
    }

    /** Holds the repository's shared lock throughout, so that no prune deletes what is being checked. */
    public CheckReport check(boolean readData) throws IOException {
        String operation = readData ? "check --read-data" : "check";
        long perThread = readData ? PackVerifier.memoryPerThread(repo.config()) : 0;
        try (Repository.Lease lease = repo.lockForReading(operation);
             MemoryBudget.Grant memory = MemoryBudget.shared().admit("the " + operation, perThread,
                     threads * perThread)) {
            errors.addAll(repo.format().openProblems());
            List<PackCopy> copies = checkPacks();
            List<SnapshotRecord> snapshots = loadSnapshots();
            checkTrees(snapshots);
            if (readData) {
                readPacks(copies, memory.threads(0, perThread, threads));
            }
            long packs = copies.stream().map(PackCopy::packId).distinct().count();
            return new CheckReport(snapshots.size(), packs, blobs, bytesRead, errors);
        }
    }

    /**
     * Indexed packs against the devices: every copy the index records on an online device must be there with the
     * indexed size, and every pack must be on one online device at least. Returns the copies present with the right
     * size (those of {@link #onlyDevice} if set), in pack id order.
     */
    private List<PackCopy> checkPacks() throws IOException {
        Map<String, Map<String, Long>> listed = repo.copies().listCopies();
        List<String> online = repo.copies().onlineDevices();
        if (onlyDevice != null && !online.contains(onlyDevice)) {
            throw new StowageException("cannot check the copies on device '" + onlyDevice + "': it is not one of the "
                    + "repository's online devices " + online);
        }
        List<PackCopy> present = new ArrayList<>();
        new TreeMap<>(repo.format().indexedPacks()).forEach((id, size) -> {
            Map<String, Long> holders = listed.getOrDefault(id, Map.of());
            List<String> recorded = repo.copies().copiesOf(id);
            if (holders.isEmpty() && recorded.isEmpty()) {
                errors.add("pack data/" + id + " is indexed but missing on every online device " + online);
                return;
            }
            // copies recorded on devices that are not online (or no longer the repository's) cannot be checked now
            for (String device : recorded) {
                if (online.contains(device) && !holders.containsKey(device)) {
                    errors.add("pack data/" + id + " is missing on device '" + device + "', where the index "
                            + "records a copy");
                }
            }
            holders.forEach((device, actual) -> {
                if (actual.longValue() != size) {
                    errors.add("pack data/" + id + " on device '" + device + "' has " + actual + " bytes, the index "
                            + "says " + size);
                } else if (onlyDevice == null || onlyDevice.equals(device)) {
                    present.add(new PackCopy(id, device, size));
                }
            });
        });
        return present;
    }

    /** One copy of a pack: which device holds it and its size. */
    record PackCopy(String packId, String deviceId, long size) {
    }

    private List<SnapshotRecord> loadSnapshots() throws IOException {
        List<String> ids = repo.format().snapshotIds();
        meter.phase("snapshots", ids.size(), -1);
        List<SnapshotRecord> loaded = new ArrayList<>();
        for (String id : ids) {
            try {
                loaded.add(repo.format().loadSnapshot(id));
            } catch (SnapshotNotFoundException forgotten) {
                // listed, then forgotten by another process (forget takes no lock): not a problem of the repository
            } catch (StowageException | IOException e) {
                errors.add(e.getMessage());
            }
            meter.advance(0, id);
        }
        meter.endPhase();
        return loaded;
    }

    private void checkTrees(List<SnapshotRecord> snapshots) throws IOException {
        TreeWalker walker = new TreeWalker(repo);
        snapshots.forEach(s -> walker.addRoot(s.snapshot().tree(), "snapshot " + s.id().substring(0, 8)));
        meter.phase("trees", -1, -1);
        walker.walk(new TreeWalker.Visitor() {
            @Override
            public void tree(BlobId id, String path, Tree tree) {
                blobs++;
                tree.nodes().forEach(node -> checkNode(path, node));
                meter.advance(0, path);
            }

            @Override
            public void unreadable(BlobId id, String path, Exception problem) {
                errors.add("tree " + id.hex() + " at " + path + " is unreadable: " + problem.getMessage());
            }
        });
        meter.endPhase();
    }

    private void checkNode(String path, Node node) {
        if (node.type() == NodeType.DIR && node.subtree() == null) {
            errors.add("directory " + path + node.name() + " has no subtree");
        }
        if (node.subtree() != null && repo.lookup(BlobKind.TREE, node.subtree()).isEmpty()) {
            errors.add("tree " + node.subtree().hex() + " of " + path + node.name() + " is not indexed");
        }
        for (BlobId id : node.content()) {
            if (repo.lookup(BlobKind.DATA, id).isEmpty()) {
                errors.add("data blob " + id.hex() + " of file " + path + node.name() + " is not indexed");
            }
        }
    }

    /**
     * Verifies every copy on {@code readers} threads (as many as the memory budget granted, at most {@link #threads}),
     * at most that many in flight (memory: that many packs and decode buffers); results are merged on this thread in
     * the given order, so the report's order is stable.
     */
    private void readPacks(List<PackCopy> copies, int readers) {
        meter.phase("read-data", copies.size(), copies.stream().mapToLong(PackCopy::size).sum());
        PackVerifier verifier = new PackVerifier(repo);
        WorkerThreads workers = WorkerThreads.named("stowage-check-read-data-");
        ExecutorService pool = Executors.newFixedThreadPool(readers, workers);
        try {
            ArrayDeque<Future<PackVerifier.Result>> inFlight = new ArrayDeque<>();
            for (PackCopy copy : copies) {
                if (inFlight.size() >= readers) {
                    merge(inFlight.pollFirst());
                }
                inFlight.addLast(pool.submit(() -> verifier.verify(copy)));
            }
            while (!inFlight.isEmpty()) {
                merge(inFlight.pollFirst());
            }
        } finally {
            workers.stop(pool);
        }
        meter.endPhase();
    }

    private void merge(Future<PackVerifier.Result> future) {
        PackVerifier.Result r;
        try {
            r = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StowageException("check interrupted while reading packs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("verifying a pack failed unexpectedly", e.getCause());
        }
        bytesRead += r.bytesRead();
        blobs += r.blobs();
        errors.addAll(r.errors());
        meter.advance(r.copy().size(), "data/" + r.copy().packId() + " on " + r.copy().deviceId());
    }
}
