package org.stowage.engine.internal.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.CopyResult;
import org.stowage.api.repository.DataPlacement;
import org.stowage.api.repository.PlacementOverride;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.StowageException;
import org.stowage.api.selector.NodeSelector;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.archiver.Archiver;
import org.stowage.engine.internal.archiver.SourceOpener;
import org.stowage.engine.internal.check.Checker;
import org.stowage.engine.internal.copy.Copier;
import org.stowage.engine.internal.facade.EngineSnapshotService;
import org.stowage.engine.internal.placement.DeviceSet;
import org.stowage.engine.internal.placement.PlacementPolicy;
import org.stowage.engine.internal.placement.Selectors;
import org.stowage.engine.internal.placement.StorageSpec;
import org.stowage.engine.internal.prune.Pruner;
import org.stowage.engine.internal.restorer.Restorer;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.testing.SampleTree;

/**
 * One repository over several devices: copies, failover when a device fails mid-job, reads from the surviving copy,
 * metadata on every device, and a repository opened from any one surviving device. Real files, real packs and
 * encryption over memory devices wrapped in the test kit's {@link FaultyDevice}; 256 KiB packs, so the ~6 MB of new
 * data fill many packs.
 */
class MultiDeviceTest {

    private static final RepositoryOptions OPTIONS = RepositoryOptions.defaults()
            .withChunks(16 << 10, 64 << 10, 256 << 10).withPackSize(256 << 10).withScryptN(16);

    @TempDir
    Path work;

    private final MemoryDevice memoryA = new MemoryDevice("disk-a");
    private final MemoryDevice memoryB = new MemoryDevice("flash-b");
    private final MemoryDevice memoryC = new MemoryDevice("disk-c");
    private final FaultyDevice a = FaultyDevice.wrap(memoryA).build();
    private final FaultyDevice b = FaultyDevice.wrap(memoryB).build();
    private final FaultyDevice c = FaultyDevice.wrap(memoryC).build();
    private Path src;

    @BeforeEach
    void source() throws IOException {
        src = work.resolve("src");
        SampleTree.create(src);
        for (int i = 0; i < 3; i++) {
            Files.write(src.resolve("new-" + i + ".bin"), SampleTree.random(100 + i, 2_000_000));
        }
    }

    @Test
    void everyPackIsOnTwoDevicesAndEverythingRestoresWhenOneIsLost() throws IOException {
        StorageSpec storage = spec(new PlacementPolicy("", 2), a, b, c);
        SnapshotRecord snapshot;
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            snapshot = backup(repo);
        }
        Map<String, Set<String>> holders = holders(memoryA, memoryB, memoryC);
        assertFalse(holders.isEmpty());
        // data packs on two devices; tree packs, which every restore needs, on all three
        holders.forEach((pack, devices) -> assertTrue(devices.size() >= 2, pack + " is on " + devices));
        assertTrue(holders.values().stream().anyMatch(devices -> devices.size() == 2), "data packs on two");
        try (Repository repo = Repositories.open(storage, TestRepositories.PASSWORD)) {
            holders.forEach((pack, devices) -> assertEquals(devices,
                    Set.copyOf(repo.copies().copiesOf(pack)), "the index records " + pack));
        }
        a.arm(Fault.removed());
        try (Repository repo = Repositories.open(storage, TestRepositories.PASSWORD)) {
            assertRestoresCompletely(repo, snapshot);
            assertChecksClean(repo);
        }
    }

    @Test
    void aDeviceThatFailsMidBackupIsReplacedByTheNextAndTheJobCompletes() throws Exception {
        StorageSpec storage = spec(new PlacementPolicy("", 2), a, b, c);
        a.pace(Duration.ZERO, 2 << 20); // slow enough to break it while packs are being written
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            CompletableFuture<SnapshotRecord> running = CompletableFuture.supplyAsync(() -> backup(repo));
            Awaitility.await().atMost(Duration.ofMinutes(1))
                    .until(() -> count(memoryA, BlobType.DATA) > 0 || running.isDone());
            a.arm(Fault.fail(DeviceOperation.PUT));
            SnapshotRecord snapshot = running.get();
            assertTrue(snapshot.snapshot().incompleteReason() == null, snapshot.toString());
            holders(memoryA, memoryB, memoryC).forEach((pack, devices) ->
                    assertTrue(devices.size() >= 2, pack + " is on " + devices));
            assertRestoresCompletely(repo, snapshot);
            assertChecksClean(repo);
        }
    }

    /**
     * Every device fails while packs are spread over two of them: the job fails, and the next run reuses every pack
     * that was durable on either device before the failure instead of storing it again.
     */
    @Test
    void aJobCutOffOnEveryDeviceIsResumedFromThePacksAnyDeviceHolds() throws IOException {
        StorageSpec storage = StorageSpec.of(DeviceSet.of(a, b), alternating(), new PlacementPolicy("alternate", 1));
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            a.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.DATA).fromNth(6));
            b.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.DATA).fromNth(6));
            assertThrows(StowageException.class, () -> backup(repo));
        }
        a.disarmAll();
        b.disarmAll();
        long durableBefore = storedBytes(memoryA) + storedBytes(memoryB);
        assertTrue(count(memoryA, BlobType.DATA) >= 5 && count(memoryB, BlobType.DATA) >= 5,
                "packs were written to both devices before they failed: " + holders(memoryA, memoryB));
        try (Repository repo = Repositories.open(storage, TestRepositories.PASSWORD)) {
            SnapshotRecord rerun = backup(repo);
            assertNull(rerun.snapshot().incompleteReason());
            long total = rerun.snapshot().stats().bytesProcessed();
            long added = rerun.snapshot().stats().bytesAdded();
            assertTrue(added < total - durableBefore / 2, "the rerun stored again what both devices held: added "
                    + added + " of " + total + " bytes with " + durableBefore + " bytes of packs already durable");
            assertRestoresCompletely(repo, rerun);
            assertChecksClean(repo);
        }
    }

    @Test
    void aFailedReadOfOneCopyIsReadFromTheNext() throws IOException {
        StorageSpec storage = spec(new PlacementPolicy("", 2), a, b);
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            SnapshotRecord snapshot = backup(repo);
            a.arm(Fault.fail(DeviceOperation.GET).of(BlobType.DATA));
            assertRestoresCompletely(repo, snapshot);
        }
    }

    /** A backup may narrow the devices and choose its copies; the repository's other backups keep theirs. */
    @Test
    void aBackupWithItsOwnPlacementWritesItsDataOnlyWhereItSays() throws IOException {
        StorageSpec storage = spec(PlacementPolicy.SINGLE, a, b, c);
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            SnapshotRecord snapshot;
            try (Repository placed = repo.withPlacement(new PlacementOverride(List.of("disk-c", "flash-b"), "", 2))) {
                snapshot = backup(placed);
            }
            assertEquals(0, count(memoryA, BlobType.DATA) - treePacks(memoryA),
                    "no data pack on disk-a, which the backup left out");
            holders(memoryB, memoryC).forEach((pack, devices) ->
                    assertEquals(Set.of("disk-c", "flash-b"), devices, pack + " is on " + devices));
            assertRestoresCompletely(repo, snapshot);
            assertThrows(StowageException.class,
                    () -> repo.withPlacement(new PlacementOverride(List.of("tape-z"), null, 0)));
        }
    }

    @Test
    void aSnapshotSaysOnWhichDevicesItsDataLies() throws IOException {
        StorageSpec storage = spec(PlacementPolicy.SINGLE, a, b, c);
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            SnapshotRecord snapshot;
            try (Repository placed = repo.withPlacement(new PlacementOverride(List.of("flash-b"), "", 1))) {
                snapshot = backup(placed);
            }
            DataPlacement placement =
                    new EngineSnapshotService(() -> repo).placement(snapshot.id());
            assertTrue(placement.storedBytes() > 6_000_000, placement.toString());
            assertEquals(placement.storedBytes(), placement.onDevice().get("flash-b"), "every blob on flash-b");
            long trees = placement.onDevice().get("disk-a");
            assertTrue(trees > 0 && trees < 100_000, "only the tree packs on disk-a: " + placement);
            assertEquals(trees, placement.onDevice().get("disk-c"));
        }
    }

    /** A copy gives every pack of the snapshot a copy on the target; the snapshot then restores from it alone. */
    @Test
    void copyPutsEveryPackOfASnapshotOnTheTargetDevice() throws IOException {
        StorageSpec storage = spec(PlacementPolicy.SINGLE, a, b);
        SnapshotRecord snapshot;
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            try (Repository placed = repo.withPlacement(new PlacementOverride(List.of("disk-a"), "", 1))) {
                snapshot = backup(placed);
            }
            long onBBefore = count(memoryB, BlobType.DATA);
            CopyResult copied = new Copier(repo,
                    ProgressListener.NONE).copy(List.of(snapshot), List.of("flash-b"), false);
            assertTrue(copied.copiesMade() > 0 && copied.copiesMade() == count(memoryB, BlobType.DATA) - onBBefore,
                    copied.toString());
            assertEquals(0, copied.copiesRemoved());
            assertEquals(holders(memoryA).keySet(), holders(memoryB).keySet(), "every pack is on both now");
            assertChecksClean(repo);
            CopyResult again = new Copier(repo,
                    ProgressListener.NONE).copy(List.of(snapshot), List.of("flash-b"), false);
            assertEquals(0, again.copiesMade(), "nothing left to copy");
        }
        try (Repository onlyB = Repositories.open(StorageSpec.of(new MemoryDeviceView(memoryB)),
                TestRepositories.PASSWORD)) {
            assertRestoresCompletely(onlyB, snapshot);
        }
    }

    /** A move leaves the packs only on the target: old copies deleted after the index records the new ones. */
    @Test
    void moveLeavesThePacksOnlyOnTheTargetAndTheIndexSaysSo() throws IOException {
        StorageSpec storage = spec(PlacementPolicy.SINGLE, a, b);
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            SnapshotRecord snapshot;
            try (Repository placed = repo.withPlacement(new PlacementOverride(List.of("disk-a"), "", 1))) {
                snapshot = backup(placed);
            }
            Set<String> packs = holders(memoryA).keySet();
            CopyResult moved = new Copier(repo,
                    ProgressListener.NONE).copy(List.of(snapshot), List.of("flash-b"), true);
            assertEquals(moved.copiesRemoved(), packs.size(), moved.toString());
            assertEquals(0, count(memoryA, BlobType.DATA), "nothing left on disk-a");
            assertEquals(packs, holders(memoryB).keySet());
            for (String pack : packs) {
                assertEquals(List.of("flash-b"), repo.copies().copiesOf(pack));
            }
            assertChecksClean(repo);
            assertRestoresCompletely(repo, snapshot);
        }
        try (Repository reopened = Repositories.open(storage, TestRepositories.PASSWORD)) {
            assertChecksClean(reopened);
        }
    }

    /**
     * A copy killed between writing a pack to a device and recording it leaves a copy no index file names; the
     * listing finds it. When that device joins only after the repository was opened (its driver started late), the
     * listing at open did not see it: a move away from it must still remove it.
     */
    @Test
    void aMoveRemovesAnUnrecordedCopyOnADeviceThatJoinedAfterTheOpen() throws IOException {
        SnapshotRecord snapshot;
        try (Repository repo = Repositories.init(spec(PlacementPolicy.SINGLE, a, b), TestRepositories.PASSWORD,
                OPTIONS)) {
            snapshot = backup(repo);
        }
        Set<String> onlyOnA = new TreeSet<>(holders(memoryA).keySet());
        onlyOnA.removeAll(holders(memoryB).keySet());
        String unrecorded = onlyOnA.iterator().next();
        BlobName name = BlobName.of(BlobType.DATA, unrecorded);
        memoryB.put(name, memoryA.get(name, ByteRange.ALL));
        DeviceSet lateB = new DeviceSet(List.of("disk-a", "flash-b"));
        lateB.add(a, 1);
        try (Repository repo = Repositories.open(StorageSpec.of(lateB, Selectors.NONE, PlacementPolicy.SINGLE),
                TestRepositories.PASSWORD)) {
            lateB.add(b, 1);
            new Copier(repo, ProgressListener.NONE).copy(List.of(snapshot),
                    List.of("disk-a"), true);
            assertEquals(0, count(memoryB, BlobType.DATA), "none of the snapshot's packs is left on flash-b: "
                    + holders(memoryB));
            assertChecksClean(repo);
        }
    }

    /** A copy whose bytes are damaged is passed over: the blob is read again from the intact copy. */
    @Test
    void aDamagedCopyIsPassedOverForTheIntactOne() throws IOException {
        StorageSpec storage = spec(new PlacementPolicy("", 2), a, b);
        b.pace(Duration.ZERO, 40 << 20); // b measures slower, so reads go to a first
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            SnapshotRecord snapshot = backup(repo);
            a.arm(Fault.flipByte().of(BlobType.DATA));
            assertRestoresCompletely(repo, snapshot);
            long reads = a.completed(DeviceOperation.GET);
            assertTrue(reads > 0, "the damaged copies were read first: " + reads);
        }
    }

    /** check --read-data reads every copy: a damaged copy on one device is found and named, the other is fine. */
    @Test
    void checkReadsEveryCopyOrThoseOfOneDevice() throws IOException {
        StorageSpec storage = spec(new PlacementPolicy("", 2), a, b);
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            backup(repo);
            b.arm(Fault.flipByte().of(BlobType.DATA));
            CheckReport all = new Checker(repo, ProgressListener.NONE).check(true);
            assertFalse(all.isOk());
            assertTrue(all.errors().stream().allMatch(e -> e.contains("'flash-b'")), all.errors().toString());
            CheckReport onlyA = new Checker(repo, ProgressListener.NONE, "disk-a", 2).check(true);
            assertTrue(onlyA.isOk(), onlyA.errors().toString());
            assertTrue(onlyA.bytesRead() > 0 && onlyA.bytesRead() * 2 <= all.bytesRead() + 4096,
                    "one copy read: " + onlyA.bytesRead() + " of " + all.bytesRead());
        }
    }

    @Test
    void checkNamesACopyMissingWhereTheIndexRecordsIt() throws IOException {
        StorageSpec storage = spec(new PlacementPolicy("", 2), a, b);
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            backup(repo);
            String pack = holders(memoryB).keySet().iterator().next();
            memoryB.delete(BlobName.of(BlobType.DATA, pack));
            CheckReport report = new Checker(repo, ProgressListener.NONE).check(false);
            assertEquals(List.of("pack data/" + pack + " is missing on device 'flash-b', where the index records a "
                    + "copy"), report.errors());
        }
    }

    /** The Karaf host is lost with every device but one: a new host opens that one and restores what it holds. */
    @Test
    void anyOneSurvivingDeviceOpensTheRepositoryAndRestoresWhatItHolds() throws IOException {
        StorageSpec storage = StorageSpec.of(DeviceSet.of(a, b), alternating(), new PlacementPolicy("alternate", 1));
        SnapshotRecord snapshot;
        try (Repository repo = Repositories.init(storage, TestRepositories.PASSWORD, OPTIONS)) {
            snapshot = backup(repo);
        }
        assertTrue(count(memoryA, BlobType.DATA) > 0 && count(memoryB, BlobType.DATA) > 0, "packs on both");
        for (MemoryDevice memory : List.of(memoryA, memoryB)) {
            for (BlobType type : List.of(BlobType.KEY, BlobType.CONFIG, BlobType.INDEX, BlobType.SNAPSHOT)) {
                assertTrue(count(memory, type) > 0, type + " on " + memory.descriptor().id());
            }
        }
        try (Repository survivor = Repositories.open(StorageSpec.of(new MemoryDeviceView(memoryB)),
                TestRepositories.PASSWORD)) {
            assertEquals(List.of(snapshot.id()), survivor.snapshots().stream().map(SnapshotRecord::id).toList());
            Path target = Files.createTempDirectory(work, "restore-");
            RestoreResult result = new Restorer(survivor).restore(snapshot.snapshot(), target, List.of(),
                    ProgressListener.NONE);
            assertFalse(result.failures().isEmpty(), "files with packs on the lost device are named");
            Path restored = target.resolve(src.toString().substring(1));
            List<String> failed = new ArrayList<>();
            for (String failure : result.failures()) {
                String path = failure.substring(0, failure.indexOf(':'));
                failed.add(restored.relativize(Path.of(path)).toString());
            }
            assertTrue(result.files() > 0, "what the surviving device holds is restored");
            SampleTree.assertSame(src, restored, Set.copyOf(failed));
        }
    }

    /**
     * A repository opened with fewer devices (a new host that kept one of them) must not deduplicate against packs
     * that only devices outside its set hold: its snapshots would reference data it cannot read. Found by
     * MultiDeviceIT: the second backup's snapshot pointed at packs on devices the repository no longer had.
     */
    @Test
    void aBackupStoresAgainWhatOnlyDevicesOutsideTheRepositoryHold() throws IOException {
        try (Repository repo = Repositories.init(spec(PlacementPolicy.SINGLE, a, b), TestRepositories.PASSWORD,
                OPTIONS)) {
            try (Repository placed = repo.withPlacement(new PlacementOverride(List.of("disk-a"), "", 1))) {
                backup(placed);
            }
        }
        try (Repository onlyB = Repositories.open(StorageSpec.of(new MemoryDeviceView(memoryB)),
                TestRepositories.PASSWORD)) {
            SnapshotRecord again = backup(onlyB);
            assertTrue(again.snapshot().stats().bytesAdded() > 6_000_000, "the data was stored again on flash-b: "
                    + again.snapshot().stats());
            assertRestoresCompletely(onlyB, again);
            assertChecksClean(onlyB);
        }
    }

    @Test
    void metadataReachesADeviceThatJoinsLater() throws IOException {
        try (Repository repo = Repositories.init(StorageSpec.of(a), TestRepositories.PASSWORD, OPTIONS)) {
            backup(repo);
        }
        StorageSpec both = spec(PlacementPolicy.SINGLE, a, b);
        SnapshotRecord second;
        try (Repository repo = Repositories.open(both, TestRepositories.PASSWORD)) {
            second = backup(repo);
        }
        try (Repository alone = Repositories.open(StorageSpec.of(b), TestRepositories.PASSWORD)) {
            assertEquals(2, alone.snapshots().size(), "keys, config, index files and snapshots were copied");
            assertEquals(second.id(), alone.snapshots().get(1).id());
        }
    }

    @Test
    void forgetAndPruneRefuseWhileARandomAccessDeviceIsMissing() throws IOException {
        SnapshotRecord snapshot;
        try (Repository repo = Repositories.init(spec(PlacementPolicy.SINGLE, a, b), TestRepositories.PASSWORD,
                OPTIONS)) {
            snapshot = backup(repo);
        }
        DeviceSet withoutB = new DeviceSet(List.of("disk-a", "flash-b"));
        withoutB.add(a, 1);
        try (Repository repo = Repositories.open(StorageSpec.of(withoutB, Selectors.NONE, PlacementPolicy.SINGLE),
                TestRepositories.PASSWORD)) {
            RepositoryNotReadyException refused = assertThrows(RepositoryNotReadyException.class,
                    () -> repo.deleteSnapshot(snapshot.id()));
            assertTrue(refused.getMessage().contains("flash-b"), refused.getMessage());
            assertThrows(RepositoryNotReadyException.class,
                    () -> new Pruner(repo, ProgressListener.NONE).prune(false));
            assertEquals(1, repo.snapshots().size());
        }
    }

    private static StorageSpec spec(PlacementPolicy policy, Device... devices) {
        return StorageSpec.of(DeviceSet.of(devices), Selectors.NONE, policy);
    }

    /** A third-party-style selector: packs alternate between the devices. */
    private static Selectors alternating() {
        AtomicInteger next = new AtomicInteger();
        NodeSelector selector = (request, candidates) -> {
            List<String> ids = new ArrayList<>(candidates.stream().map(NodeSelector.Candidate::id).toList());
            java.util.Collections.rotate(ids, -(next.getAndIncrement() % ids.size()));
            return ids;
        };
        return new Selectors() {
            @Override
            public Optional<NodeSelector> named(String name) {
                return name.equals("alternate") ? Optional.of(selector) : Optional.empty();
            }

            @Override
            public List<String> names() {
                return List.of("alternate");
            }
        };
    }

    private SnapshotRecord backup(Repository repo) {
        return new Archiver(repo, SourceOpener.FILES, 2).backup(List.of(src), "host", Set.of(), null,
                ProgressListener.NONE);
    }

    private void assertRestoresCompletely(Repository repo, SnapshotRecord snapshot) throws IOException {
        Path target = Files.createTempDirectory(work, "restore-");
        RestoreResult result = new Restorer(repo).restore(snapshot.snapshot(), target, List.of(),
                ProgressListener.NONE);
        assertEquals(List.of(), result.failures());
        SampleTree.assertSame(src, target.resolve(src.toString().substring(1)));
    }

    private static void assertChecksClean(Repository repo) throws IOException {
        CheckReport report = new Checker(repo, ProgressListener.NONE).check(true);
        assertTrue(report.isOk(), report.errors().toString());
    }

    private static Map<String, Set<String>> holders(MemoryDevice... devices) throws IOException {
        Map<String, Set<String>> holders = new java.util.TreeMap<>();
        for (MemoryDevice device : devices) {
            device.list(BlobType.DATA, info -> holders.computeIfAbsent(info.name().id(),
                    k -> new TreeSet<>()).add(device.descriptor().id()));
        }
        return holders;
    }

    /** Packs on {@code device} that the other devices hold too: the tree packs, which go to every device. */
    private long treePacks(MemoryDevice device) throws IOException {
        Map<String, Set<String>> all = holders(memoryA, memoryB, memoryC);
        long[] n = {0};
        device.list(BlobType.DATA, info -> n[0] += all.get(info.name().id()).size() == 3 ? 1 : 0);
        return n[0];
    }

    private static long storedBytes(MemoryDevice device) throws IOException {
        long[] bytes = {0};
        device.list(BlobType.DATA, info -> bytes[0] += info.size());
        return bytes[0];
    }

    private static long count(MemoryDevice device, BlobType type) throws IOException {
        long[] n = {0};
        device.list(type, info -> n[0]++);
        return n[0];
    }

    /** The surviving device as the new host's own driver instance sees it: same blobs, same id. */
    private static final class MemoryDeviceView extends OtherProcess {
        private final MemoryDevice blobs;

        MemoryDeviceView(MemoryDevice blobs) {
            super(blobs);
            this.blobs = blobs;
        }

        @Override
        public DeviceDescriptor descriptor() {
            return blobs.descriptor();
        }
    }
}
