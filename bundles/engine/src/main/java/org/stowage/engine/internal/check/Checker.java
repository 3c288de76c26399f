package org.stowage.engine.internal.check;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.stowage.api.device.BlobType;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/**
 * Checks a repository without changing anything. Structure: every snapshot loads; every tree reachable from a
 * snapshot loads and parses; every blob a tree references is indexed; every indexed pack exists on the device with
 * the indexed size. With {@code readData}, also reads every pack, verifies its SHA-256 against its name and decodes
 * every blob its header lists, on several threads ({@link PackVerifier}). Problems become lines of the report; only a
 * failure to list the device aborts. Not thread-safe: one check per instance (it uses its own pool internally).
 */
public final class Checker {

    private final Repository repo;
    private final ProgressMeter meter;
    private final String deviceId;
    private final List<String> errors = new ArrayList<>();
    private final int threads;
    private long blobs;
    private long bytesRead;

    public Checker(Repository repo, ProgressListener listener) {
        this(repo, listener, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** @param threads packs read and verified at once by {@code check(true)} */
    public Checker(Repository repo, ProgressListener listener, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.repo = repo;
        this.meter = new ProgressMeter(listener);
        this.deviceId = repo.device().descriptor().id();
    }

    /** Holds the repository's shared lock throughout, so that no prune deletes what is being checked. */
    public CheckReport check(boolean readData) throws IOException {
        try (Repository.Lease lease = repo.lockForReading(readData ? "check --read-data" : "check")) {
            errors.addAll(repo.maintenance().openProblems());
            Map<String, Long> packs = checkPacks();
            List<SnapshotRecord> snapshots = loadSnapshots();
            checkTrees(snapshots);
            if (readData) {
                readPacks(packs);
            }
            return new CheckReport(snapshots.size(), packs.size(), blobs, bytesRead, errors);
        }
    }

    /** Indexed packs against the device; returns those present on it with their size. */
    private Map<String, Long> checkPacks() throws IOException {
        Map<String, Long> onDevice = new HashMap<>();
        repo.device().list(BlobType.DATA, info -> onDevice.put(info.name().id(), info.size()));
        Map<String, Long> present = new TreeMap<>();
        repo.maintenance().indexedPacks().forEach((id, size) -> {
            Long actual = onDevice.get(id);
            if (actual == null) {
                errors.add("pack data/" + id + " is indexed but missing on device '" + deviceId + "'");
            } else if (actual.longValue() != size) {
                errors.add("pack data/" + id + " on device '" + deviceId + "' has " + actual + " bytes, the index "
                        + "says " + size);
            } else {
                present.put(id, size);
            }
        });
        return present;
    }

    private List<SnapshotRecord> loadSnapshots() throws IOException {
        List<String> ids = repo.maintenance().snapshotIds();
        meter.phase("snapshots", ids.size(), -1);
        List<SnapshotRecord> loaded = new ArrayList<>();
        for (String id : ids) {
            try {
                loaded.add(repo.maintenance().loadSnapshot(id));
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
     * Verifies every pack on {@link #threads} threads, at most that many packs in flight (memory: that many packs
     * and decode buffers); results are merged on this thread in pack id order, so the report's order is stable.
     */
    private void readPacks(Map<String, Long> packs) {
        meter.phase("read-data", packs.size(), packs.values().stream().mapToLong(Long::longValue).sum());
        PackVerifier verifier = new PackVerifier(repo);
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "stowage-check-read-data");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<PackVerifier.Result>> inFlight = new ArrayDeque<>();
            for (String id : packs.keySet()) {
                if (inFlight.size() >= threads) {
                    merge(inFlight.pollFirst(), packs);
                }
                inFlight.addLast(pool.submit(() -> verifier.verify(id, packs.get(id))));
            }
            while (!inFlight.isEmpty()) {
                merge(inFlight.pollFirst(), packs);
            }
        } finally {
            pool.shutdownNow();
        }
        meter.endPhase();
    }

    private void merge(Future<PackVerifier.Result> future, Map<String, Long> packs) {
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
        meter.advance(packs.get(r.packId()), "data/" + r.packId());
    }
}
