package org.stowage.engine.internal.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.engine.internal.repo.TestRepositories.file;
import static org.stowage.engine.internal.repo.TestRepositories.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RetentionPolicy;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.check.Checker;
import org.stowage.engine.internal.facade.EngineRetentionService;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.prune.Pruner;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.Tree;

/**
 * Two processes on one repository: each keeps its own in-memory index, and the other's backups and prunes change
 * what is on the device between its operations. "The other process" opens the same blobs through
 * {@link OtherProcess}. Whatever one of them does, no snapshot of either may reference data that is gone.
 */
class SharedRepositoryTest {

    private final MemoryDevice device = new MemoryDevice("mem");

    /**
     * The silent loss a long-lived instance caused: it still indexed blobs that the other process's prune had
     * deleted, deduplicated against them and committed a snapshot pointing at missing data.
     */
    @Test
    void aBackupAfterAnotherProcessPrunedStoresAgainWhatThePruneDeleted() throws IOException {
        ByteBuffer bigFile = TestRepositories.random(new Random(1), 40_000);
        try (Repository first = TestRepositories.init(device)) {
            String withFile = backup(first, "one", bigFile);
            try (Repository second = TestRepositories.open(new OtherProcess(device))) {
                backup(second, "two", TestRepositories.text(2, 3_000));
                second.deleteSnapshot(withFile);
                new Pruner(second, ProgressListener.NONE).prune(false);
            }
            backup(first, "three", bigFile);
        }
        try (Repository fresh = TestRepositories.open(device)) {
            assertEveryFileLoads(fresh);
            assertClean(fresh);
        }
    }

    @Test
    void aCheckSeesTheSnapshotsAnotherProcessSavedSinceThisOneOpened() throws IOException {
        try (Repository first = TestRepositories.init(device)) {
            backup(first, "one", TestRepositories.text(1, 5_000));
            try (Repository second = TestRepositories.open(new OtherProcess(device))) {
                backup(second, "two", TestRepositories.random(new Random(2), 30_000));
            }
            assertClean(first);
            assertEveryFileLoads(first);
        }
    }

    /** Before, the stale prune refused ("not indexed"), or, had it gone on, deleted the other's new index files. */
    @Test
    void aPruneKeepsWhatAnotherProcessBackedUpSinceThisOneOpened() throws IOException {
        try (Repository first = TestRepositories.init(device)) {
            String old = backup(first, "one", TestRepositories.random(new Random(1), 30_000));
            try (Repository second = TestRepositories.open(new OtherProcess(device))) {
                backup(second, "two", TestRepositories.random(new Random(2), 30_000));
            }
            first.deleteSnapshot(old);
            new Pruner(first, ProgressListener.NONE).prune(false);
        }
        try (Repository fresh = TestRepositories.open(device)) {
            assertEquals(1, fresh.snapshots().size());
            assertEveryFileLoads(fresh);
            assertClean(fresh);
        }
    }

    @Test
    void aRepositoryReadsATreeAnotherProcessSavedWithoutTakingALock() throws IOException {
        try (Repository first = TestRepositories.init(device)) {
            try (Repository second = TestRepositories.open(new OtherProcess(device))) {
                backup(second, "two", TestRepositories.text(2, 3_000));
            }
            assertEveryFileLoads(first);
        }
    }

    /**
     * Forget takes no lock, so another process may delete a snapshot between this one's listing of snapshots and
     * its read of it. The listing, check and prune then went wrong on a sound repository: "no snapshot ... on
     * device" failed the listing and prune, and check reported it as an error.
     */
    @Test
    void aSnapshotAnotherProcessForgetsWhileThisOneListsIsLeftOut() throws IOException {
        String[] forgotten = new String[1];
        OtherProcess forgetsAfterEachListing = new OtherProcess(device) {
            @Override
            public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
                super.list(type, visitor);
                if (type == BlobType.SNAPSHOT && forgotten[0] != null) {
                    device.delete(BlobName.of(BlobType.SNAPSHOT, forgotten[0]));
                    forgotten[0] = null;
                }
            }
        };
        try (Repository repo = TestRepositories.init(forgetsAfterEachListing)) {
            String kept = backup(repo, "kept", TestRepositories.text(1, 5_000));
            forgotten[0] = backup(repo, "forgotten", TestRepositories.text(2, 5_000));
            assertEquals(List.of(kept), repo.snapshots().stream().map(r -> r.id()).toList());
            forgotten[0] = backup(repo, "forgotten again", TestRepositories.text(3, 5_000));
            CheckReport check = new Checker(repo, ProgressListener.NONE).check(true);
            assertTrue(check.isOk(), check.errors().toString());
            assertEquals(1, check.snapshots());
            forgotten[0] = backup(repo, "forgotten while pruning", TestRepositories.text(4, 5_000));
            new Pruner(repo, ProgressListener.NONE).prune(false);
            assertEveryFileLoads(repo);
            assertClean(repo);
        }
    }

    /**
     * Two processes forgetting by the same policy pick the same snapshots. Found by the two-process harness
     * (SharedRepositoryIT): the slower forget failed with "no snapshot ... on device 'local' to delete", and the
     * prune that was to follow did not run.
     */
    @Test
    void aForgetWhoseSnapshotsAnotherProcessForgotFirstSucceeds() throws IOException {
        boolean[] otherForgetsFirst = {false};
        OtherProcess racing = new OtherProcess(device) {
            @Override
            public Optional<BlobInfo> stat(BlobName name) throws IOException {
                if (otherForgetsFirst[0] && name.type() == BlobType.SNAPSHOT) {
                    device.delete(name);
                }
                return super.stat(name);
            }
        };
        try (Repository repo = TestRepositories.init(racing)) {
            for (int i = 1; i <= 3; i++) {
                backup(repo, "file" + i, TestRepositories.text(i, 3_000));
            }
            otherForgetsFirst[0] = true;
            ForgetResult result = new EngineRetentionService(() -> repo, ZoneOffset.UTC)
                    .forget(RetentionPolicy.parse("last=1"), Set.of(), false);
            assertEquals(2, result.removed().size());
            assertEquals(1, repo.snapshots().size());
        }
    }

    /** One backup session as the archiver runs it: shared lock, blobs, tree, flush, snapshot. */
    private static String backup(Repository repo, String name, ByteBuffer content) throws IOException {
        try (Repository.Lease lease = repo.lockShared("backup of " + name)) {
            List<BlobId> chunks = new ArrayList<>();
            for (int offset = 0; offset < content.limit(); offset += 4096) {
                ByteBuffer chunk = content.duplicate().position(offset).limit(Math.min(offset + 4096, content.limit()));
                chunks.add(TestRepositories.saveData(repo, chunk.slice()));
            }
            BlobId root = TestRepositories.saveTree(repo, List.of(file(name, chunks)));
            repo.flush();
            lease.ensureHeld();
            return repo.saveSnapshot(snapshot(Instant.now(), root));
        }
    }

    private static void assertEveryFileLoads(Repository repo) throws IOException {
        for (var record : repo.snapshots()) {
            Tree root = Json.read(repo.loadBlob(BlobKind.TREE, record.snapshot().tree()), Tree.class);
            for (Node node : root.nodes()) {
                for (BlobId id : node.content()) {
                    assertEquals(id, repo.blobId(repo.loadBlob(BlobKind.DATA, id)), node.name());
                }
            }
        }
    }

    private static void assertClean(Repository repo) throws IOException {
        CheckReport check = new Checker(repo, ProgressListener.NONE).check(true);
        assertTrue(check.isOk(), check.errors().toString());
    }
}
