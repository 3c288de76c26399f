package org.stowage.engine.internal.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.Device;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.PruneResult;
import org.stowage.device.testkit.ArmedFault;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.check.Checker;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.OtherProcess;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.TestRepositories;

class PrunerTest {

    @Test
    void pruneKeepsReferencedBlobsAndRemovesTheRest() throws IOException {
        Scenario s = new Scenario().build();
        Map<String, Long> before = listing(s.memory);
        try (Repository repo = TestRepositories.open(s.device)) {
            PruneResult dry = new Pruner(repo, ProgressListener.NONE).prune(true);
            assertEquals(before, listing(s.memory), "a dry run changes nothing");
            PruneResult done = new Pruner(repo, ProgressListener.NONE).prune(false);
            for (PruneResult r : List.of(dry, done)) {
                assertEquals(3, r.packsDeleted(), "C's data pack, A's and C's tree packs");
                assertEquals(1, r.packsRepacked(), "A's data pack");
                assertEquals(15 + 10 + 2, r.blobsRemoved());
                assertTrue(r.bytesFreed() > 25 * 2500, "at least the removed blobs: " + r.bytesFreed());
            }
            s.assertRestorable(repo);
        }
        try (Repository repo = TestRepositories.open(s.device)) {
            s.assertRestorable(repo);
            List<BlobId> gone = new ArrayList<>(s.a.subList(5, 20));
            gone.addAll(s.c);
            for (BlobId id : gone) {
                assertTrue(repo.lookup(BlobKind.DATA, id).isEmpty(), "unreferenced blob " + id.shortHex());
            }
            CheckReport check = new Checker(repo, ProgressListener.NONE).check(true);
            assertTrue(check.isOk(), check.errors().toString());
            assertEquals(3, check.packs(), "B's data and tree packs, and the pack A's 5 blobs were copied to");
        }
        assertEquals(1, count(s.memory, BlobType.INDEX), "old index files deleted");
        assertEquals(0, count(s.memory, BlobType.LOCK), "lock released");
    }

    @Test
    void manySmallPacksAreMergedIntoFullOnesAndAFewAreLeftAlone() throws IOException {
        MemoryDevice memory = new MemoryDevice("mem");
        List<BlobId> saved = new ArrayList<>();
        try (Repository repo = TestRepositories.init(memory)) {
            for (int i = 0; i < 4; i++) { // each flush leaves a small data pack and a small tree pack
                Scenario.backup(repo, "f" + i, saved, 3, List.of(), i + 1);
            }
            Map<String, Long> before = listing(memory);
            PruneResult few = new Pruner(repo, ProgressListener.NONE).prune(false);
            assertEquals(0, few.packsRepacked(), "8 small packs are fewer than " + PrunePlan.MIN_SMALL_PACKS);
            assertEquals(before, listing(memory), "nothing rewritten, not even a single tree's tiny pack");

            for (int i = 4; i < 6; i++) {
                Scenario.backup(repo, "f" + i, saved, 3, List.of(), i + 1);
            }
            PruneResult many = new Pruner(repo, ProgressListener.NONE).prune(false);
            assertEquals(12, many.packsRepacked(), "6 data and 6 tree packs");
            assertEquals(0, many.packsDeleted());
            assertEquals(0, many.blobsRemoved(), "every blob is still referenced");
            assertEquals(2, count(memory, BlobType.DATA), "18 blobs of 2500 bytes fit a 64 KiB pack, 6 trees another");
            assertEquals(0, new Pruner(repo, ProgressListener.NONE).prune(false).packsRepacked(),
                    "the merged packs are not rewritten by the next prune");
        }
        try (Repository repo = TestRepositories.open(memory)) {
            assertEquals(6, repo.snapshots().size());
            for (BlobId id : saved) {
                assertEquals(id, repo.blobId(repo.loadBlob(BlobKind.DATA, id)));
            }
            CheckReport check = new Checker(repo, ProgressListener.NONE).check(true);
            assertTrue(check.isOk(), check.errors().toString());
        }
    }

    @Test
    void aCrashAtAnyDeleteLeavesEverySnapshotRestorable() throws IOException {
        int deletes = deletesOfACleanPrune();
        assertTrue(deletes >= 3 + 4, "3 old index files and 4 packs, got " + deletes);
        for (int budget = 0; budget < deletes; budget++) {
            Scenario s = new Scenario().build();
            ArmedFault broken = s.device.arm(Fault.fail(DeviceOperation.DELETE).fromNth(budget + 1));
            try (Repository repo = TestRepositories.open(s.device)) {
                IOException crash = assertThrows(IOException.class,
                        () -> new Pruner(repo, ProgressListener.NONE).prune(false));
                assertTrue(crash.getMessage().contains(FaultyDevice.INJECTED), crash.getMessage());
            }
            broken.disarm();
            assertEquals(1, count(s.memory, BlobType.LOCK), "a crashed prune leaves its lock blob");
            deleteAll(s.memory, BlobType.LOCK);
            try (Repository repo = TestRepositories.open(s.device)) {
                s.assertRestorable(repo);
                CheckReport check = new Checker(repo, ProgressListener.NONE).check(true);
                assertTrue(check.isOk(), "after a crash at delete " + budget + ": " + check.errors());
                new Pruner(repo, ProgressListener.NONE).prune(false);
                s.assertRestorable(repo);
            }
        }
    }

    @Test
    void aFailedIndexRewriteLeavesEverySnapshotRestorable() throws IOException {
        Scenario s = new Scenario().build();
        ArmedFault indexPuts = s.device.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.INDEX));
        try (Repository repo = TestRepositories.open(s.device)) {
            IOException e = assertThrows(IOException.class, () -> new Pruner(repo, ProgressListener.NONE)
                    .prune(false));
            assertTrue(e.getMessage().contains(FaultyDevice.INJECTED), e.getMessage());
        }
        indexPuts.disarm();
        try (Repository repo = TestRepositories.open(s.device)) {
            s.assertRestorable(repo);
            assertTrue(new Checker(repo, ProgressListener.NONE).check(true).isOk());
        }
    }

    /**
     * A blob stored twice (two processes saved it at once) is indexed in one pack; when that pack is lost, prune must
     * keep the other copy: before, it counted the other copy as unreferenced and deleted the last good one.
     */
    @Test
    void whenTheIndexedPackOfABlobIsLostPruneKeepsItsOtherCopy() throws IOException {
        MemoryDevice memory = new MemoryDevice("mem");
        List<BlobId> shared = new ArrayList<>();
        try (Repository first = TestRepositories.init(memory);
             Repository second = TestRepositories.open(new OtherProcess(memory))) {
            Scenario.backup(first, "first", shared, 3, List.of(), 1);
            Scenario.backup(second, "second", new ArrayList<>(), 3, List.of(), 1); // the same 3 blobs again
        }
        try (Repository repo = TestRepositories.open(memory)) {
            String indexed = repo.lookup(BlobKind.DATA, shared.get(0)).orElseThrow().packId();
            memory.delete(BlobName.of(BlobType.DATA, indexed));
            new Pruner(repo, ProgressListener.NONE).prune(false);
        }
        try (Repository repo = TestRepositories.open(memory)) {
            for (BlobId id : shared) {
                assertEquals(id, repo.blobId(repo.loadBlob(BlobKind.DATA, id)));
            }
            CheckReport check = new Checker(repo, ProgressListener.NONE).check(true);
            assertTrue(check.isOk(), check.errors().toString());
        }
    }

    /** A referenced blob whose every copy is gone stops prune before it changes anything, naming the blob. */
    @Test
    void whenEveryCopyOfAReferencedBlobIsLostPruneStopsBeforeChangingAnything() throws IOException {
        Scenario s = new Scenario().build();
        try (Repository repo = TestRepositories.open(s.device)) {
            String lost = repo.lookup(BlobKind.DATA, s.b.get(0)).orElseThrow().packId();
            s.memory.delete(BlobName.of(BlobType.DATA, lost));
            Map<String, Long> before = listing(s.memory);
            IntegrityException stopped = assertThrows(IntegrityException.class,
                    () -> new Pruner(repo, ProgressListener.NONE).prune(false));
            assertTrue(stopped.getMessage().contains("stopped before changing anything")
                    && stopped.getMessage().contains(s.b.get(0).hex()), stopped.getMessage());
            before.keySet().removeIf(name -> name.startsWith(BlobType.LOCK.folder() + "/"));
            Map<String, Long> after = listing(s.memory);
            after.keySet().removeIf(name -> name.startsWith(BlobType.LOCK.folder() + "/"));
            assertEquals(before, after);
        }
    }

    /** Deletes of index files and packs in a prune that does not crash (the lock blob's delete not counted). */
    private static int deletesOfACleanPrune() throws IOException {
        Scenario s = new Scenario().build();
        try (Repository repo = TestRepositories.open(s.device)) {
            long before = s.device.completed(DeviceOperation.DELETE);
            new Pruner(repo, ProgressListener.NONE).prune(false);
            return Math.toIntExact(s.device.completed(DeviceOperation.DELETE) - before - 1);
        }
    }

    private static Map<String, Long> listing(Device device) throws IOException {
        Map<String, Long> all = new TreeMap<>();
        for (BlobType type : BlobType.values()) {
            device.list(type, info -> all.put(info.name().toString(), info.size()));
        }
        return all;
    }

    private static long count(Device device, BlobType type) throws IOException {
        return listing(device).keySet().stream().filter(n -> n.startsWith(type.folder() + "/")).count();
    }

    private static void deleteAll(Device device, BlobType type) throws IOException {
        List<BlobName> names = new ArrayList<>();
        device.list(type, info -> names.add(info.name()));
        for (BlobName name : names) {
            device.delete(name);
        }
    }
}
