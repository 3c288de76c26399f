package org.stowage.engine.internal.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.engine.internal.repo.TestRepositories.dir;
import static org.stowage.engine.internal.repo.TestRepositories.file;
import static org.stowage.engine.internal.repo.TestRepositories.snapshot;
import static org.stowage.engine.internal.repo.TestRepositories.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.TestRepositories;

class CheckerTest {

    private final MemoryDevice device = new MemoryDevice("mem");
    private final List<Progress> progress = new ArrayList<>();
    private final ProgressListener listener = progress::add;

    @Test
    void aSoundRepositoryChecksClean() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            BlobId data = backup(repo);
            CheckReport report = new Checker(repo, listener).check(true);
            assertTrue(report.isOk(), report.errors().toString());
            assertEquals(1, report.snapshots());
            assertEquals(2, report.packs(), "one data and one tree pack");
            assertEquals(2 + 4, report.blobs(), "2 trees walked, then 2 tree and 2 data blobs decoded");
            assertTrue(report.bytesRead() > 0);
            assertTrue(progress.stream().anyMatch(p -> p.phase().equals("read-data")));
            assertTrue(repo.lookup(BlobKind.DATA, data).isPresent());
        }
    }

    @Test
    void aCheckHoldsTheSharedLockAndDoesNotRunBesideAPrune() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            backup(repo);
            try (Repository.Lease prune = repo.administration().lockExclusive("prune")) {
                RepositoryNotReadyException refused = assertThrows(RepositoryNotReadyException.class,
                        () -> new Checker(repo, listener).check(false));
                assertTrue(refused.getMessage().contains("for check"), refused.getMessage());
            }
            List<BlobName> locksDuringCheck = new ArrayList<>();
            ProgressListener lookingAtLocks = p -> locksDuringCheck.addAll(lockBlobs());
            assertTrue(new Checker(repo, lookingAtLocks).check(true).isOk());
            assertFalse(locksDuringCheck.isEmpty(), "a lock blob while checking");
            assertEquals(List.of(), lockBlobs(), "released afterwards");
        }
    }

    @Test
    void aFlippedByteIsFoundByReadDataOnly() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            BlobId data = backup(repo);
            PackedBlob blob = repo.lookup(BlobKind.DATA, data).orElseThrow();
            corrupt(BlobName.of(BlobType.DATA, blob.packId()), (int) blob.offset() + 30);
            assertTrue(new Checker(repo, listener).check(false).isOk(), "structure does not read data");
            CheckReport report = new Checker(repo, listener).check(true);
            assertFalse(report.isOk());
            String all = String.join("\n", report.errors());
            assertTrue(all.contains("does not hash to its name"), all);
            assertTrue(all.contains(data.hex()) && all.contains("fails verification"), all);
        }
    }

    @Test
    void missingPacksAndTreesAreReported() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            BlobId data = backup(repo);
            String pack = repo.lookup(BlobKind.DATA, data).orElseThrow().packId();
            device.delete(BlobName.of(BlobType.DATA, pack));
            List<String> treePacks = new ArrayList<>();
            repo.forEachIndexed(b -> {
                if (b.kind() == BlobKind.TREE) {
                    treePacks.add(b.packId());
                }
            });
            corrupt(BlobName.of(BlobType.DATA, treePacks.get(0)), 10);
            CheckReport report = new Checker(repo, ProgressListener.NONE).check(false);
            String all = String.join("\n", report.errors());
            assertTrue(all.contains("data/" + pack + " is missing on device 'mem'"), all);
            assertTrue(all.contains("unreadable"), "the root tree fails to load: " + all);
        }
    }

    /** One snapshot: /docs/a.txt with two data blobs (one small pack each kind). */
    private static BlobId backup(Repository repo) throws IOException {
        BlobId first = TestRepositories.saveData(repo, text(1, 4000));
        BlobId second = TestRepositories.saveData(repo, text(2, 4000));
        BlobId docs = TestRepositories.saveTree(repo, List.of(file("a.txt", List.of(first, second))));
        BlobId root = TestRepositories.saveTree(repo, List.of(dir("docs", docs)));
        repo.flush();
        repo.saveSnapshot(snapshot(Instant.parse("2024-01-01T00:00:00Z"), root));
        return first;
    }

    private List<BlobName> lockBlobs() {
        List<BlobName> names = new ArrayList<>();
        device.list(BlobType.LOCK, b -> names.add(b.name()));
        return names;
    }

    private void corrupt(BlobName name, int at) throws IOException {
        ByteBuffer stored = device.get(name, ByteRange.ALL);
        byte[] bytes = new byte[stored.remaining()];
        stored.get(bytes);
        bytes[at] ^= 0x40;
        device.overwrite(name, bytes);
    }
}
