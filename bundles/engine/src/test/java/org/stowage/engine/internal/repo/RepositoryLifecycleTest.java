package org.stowage.engine.internal.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.engine.internal.repo.TestRepositories.file;
import static org.stowage.engine.internal.repo.TestRepositories.snapshot;
import static org.stowage.engine.internal.repo.TestRepositories.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.api.repository.StowageException;
import org.stowage.device.testkit.ArmedFault;
import org.stowage.device.testkit.DeviceOperation;
import org.stowage.device.testkit.Fault;
import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

class RepositoryLifecycleTest {

    private final MemoryDevice memory = new MemoryDevice("mem");
    private final FaultyDevice device = FaultyDevice.wrap(memory).build();

    /**
     * Two processes init the same empty device at once: both looked before either wrote. The second one's config
     * put is refused (blobs are write-once), and it must not leave its key file, which wraps a master key no config
     * belongs to: the same password would then open that key first and find the config unreadable.
     */
    @Test
    void ofTwoConcurrentInitsTheSecondFailsClearlyAndLeavesNoKeyBehind() throws IOException {
        String first;
        try (Repository repo = TestRepositories.init(memory)) {
            first = repo.config().id();
        }
        StowageException raced = assertThrows(StowageException.class,
                () -> TestRepositories.init(new LookedBeforeTheOtherWrote(memory)).close());
        assertTrue(raced.getMessage().contains("at the same time"), raced.getMessage());
        assertEquals(1, count(BlobType.KEY));
        try (Repository repo = TestRepositories.open(memory)) {
            assertEquals(first, repo.config().id());
        }
    }

    /** On a driver whose write-once check is not atomic, the other init's config replaces ours: reading back tells. */
    @Test
    void anInitWhoseConfigWasReplacedByAnotherInitFailsAndLeavesNoKeyBehind() throws IOException {
        try (Repository repo = TestRepositories.init(memory)) {
            assertEquals(1, count(BlobType.KEY));
        }
        Device replacedAfterPut = new LookedBeforeTheOtherWrote(memory) {
            @Override
            public void put(BlobName name, ByteBuffer content) throws IOException {
                if (!name.type().equals(BlobType.CONFIG)) {
                    super.put(name, content); // the config put "succeeds" and the other init's replaces it
                }
            }
        };
        StowageException raced = assertThrows(StowageException.class,
                () -> TestRepositories.init(replacedAfterPut).close());
        assertTrue(raced.getMessage().contains("at the same time"), raced.getMessage());
        assertEquals(1, count(BlobType.KEY));
    }

    /** A device whose repository blobs were not there yet when init looked for them. */
    private static class LookedBeforeTheOtherWrote extends OtherProcess {
        LookedBeforeTheOtherWrote(Device blobs) {
            super(blobs);
        }

        @Override
        public Optional<BlobInfo> stat(BlobName name) {
            return Optional.empty();
        }

        @Override
        public void list(BlobType type, Consumer<BlobInfo> visitor) {
            // nothing yet
        }
    }

    @Test
    void packsLeftByACrashAreReindexedAndReused() throws IOException {
        List<BlobId> ids = new ArrayList<>();
        ArmedFault indexPuts;
        try (Repository repo = TestRepositories.init(device)) {
            indexPuts = device.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.INDEX));
            for (int i = 0; i < 40; i++) {
                ids.add(TestRepositories.saveData(repo, blob(i)));
            }
            IOException crash = assertThrows(IOException.class, repo::flush, "the index write fails");
            assertTrue(crash.getMessage().contains("index"), crash.getMessage());
        }
        indexPuts.disarm();
        assertEquals(0, count(BlobType.INDEX));
        long packs = count(BlobType.DATA);
        assertTrue(packs > 1, "several packs: " + packs);
        try (Repository repo = TestRepositories.open(device)) {
            assertTrue(repo.format().openProblems().isEmpty(), repo.format().openProblems().toString());
            for (int i = 0; i < 40; i++) {
                assertEquals(SaveResult.KNOWN, repo.saveBlob(BlobKind.DATA, ids.get(i), blob(i)),
                        "a re-run reuses the packs already written");
                assertEquals(blob(i), repo.loadBlob(BlobKind.DATA, ids.get(i)));
            }
            repo.flush();
        }
        assertEquals(packs, count(BlobType.DATA), "no pack written twice");
        assertEquals(1, count(BlobType.INDEX), "the next flush indexed the orphans");
    }

    @Test
    void anUploadFailureSurfacesNamingDeviceAndPack() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            device.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.DATA));
            TestRepositories.saveData(repo, text(1, 3000));
            IOException e = assertThrows(IOException.class, repo::flush);
            assertTrue(e.getMessage().contains("upload of pack data/") && e.getMessage().contains("'mem'"),
                    e.getMessage());
            IOException later = assertThrows(IOException.class,
                    () -> TestRepositories.saveData(repo, text(2, 3000)));
            assertTrue(later.getMessage().contains("upload of pack data/"), "the failure is sticky");
        }
    }

    @Test
    void snapshotsAreSavedListedOldestFirstAndDeleted() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            BlobId tree = TestRepositories.saveTree(repo, List.of(file("a", List.of())));
            assertThrows(IllegalStateException.class,
                    () -> repo.saveSnapshot(snapshot(Instant.parse("2024-01-01T00:00:00Z"), tree)),
                    "refused while the tree is not flushed");
            repo.flush();
            String newer = repo.saveSnapshot(snapshot(Instant.parse("2024-02-01T00:00:00Z"), tree));
            String older = repo.saveSnapshot(snapshot(Instant.parse("2024-01-01T00:00:00Z"), tree));
            assertEquals(List.of(older, newer), repo.snapshots().stream().map(SnapshotRecord::id).toList());
            assertEquals(tree, repo.snapshots().get(0).snapshot().tree());
            repo.deleteSnapshot(older);
            assertEquals(List.of(newer), repo.snapshots().stream().map(SnapshotRecord::id).toList());
            assertThrows(SnapshotNotFoundException.class, () -> repo.deleteSnapshot(older));
        }
        try (Repository repo = TestRepositories.open(device)) {
            assertEquals(1, repo.snapshots().size());
        }
    }

    @Test
    void pruneLockExcludesBackupsAndViceVersa() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            Repository.Lease backup = repo.lockShared("backup");
            assertEquals(1, count(BlobType.LOCK), "other processes see the backup");
            RepositoryNotReadyException busy = assertThrows(RepositoryNotReadyException.class,
                    () -> repo.administration().lockExclusive("prune"));
            assertTrue(busy.getMessage().contains("backup"), busy.getMessage());
            backup.close();
            try (Repository.Lease prune = repo.administration().lockExclusive("prune")) {
                assertEquals(1, count(BlobType.LOCK), "other processes see the prune");
                assertThrows(RepositoryNotReadyException.class, () -> repo.lockShared("backup"));
            }
            assertEquals(0, count(BlobType.LOCK));
            repo.lockShared("backup").close();
        }
    }

    @Test
    void aLockBlobOfAnotherProcessBlocksPrune() throws IOException {
        TestRepositories.init(memory).close();
        try (Repository other = TestRepositories.open(memory);
             Repository.Lease held = other.administration().lockExclusive("prune")) {
            // a second process: its in-process lock is free, only the lock blob tells
            MemoryDevice copy = copyOf(memory);
            try (Repository second = TestRepositories.open(copy)) {
                RepositoryNotReadyException e = assertThrows(RepositoryNotReadyException.class,
                        () -> second.lockShared("backup"));
                assertTrue(e.getMessage().contains("exclusive lock of 'prune'"), e.getMessage());
            }
        }
    }

    /** Incompressible, so 40 of them fill several packs. */
    private static ByteBuffer blob(int i) {
        return TestRepositories.random(new java.util.Random(i), 5000);
    }

    private static MemoryDevice copyOf(MemoryDevice source) throws IOException {
        MemoryDevice copy = new MemoryDevice("copy");
        for (BlobType type : BlobType.values()) {
            List<BlobName> names = new ArrayList<>();
            source.list(type, info -> names.add(info.name()));
            for (BlobName name : names) {
                ByteBuffer bytes = source.get(name, ByteRange.ALL);
                copy.put(name, bytes);
            }
        }
        return copy;
    }

    private long count(BlobType type) throws IOException {
        long[] n = {0};
        memory.list(type, info -> n[0]++);
        return n[0];
    }
}
