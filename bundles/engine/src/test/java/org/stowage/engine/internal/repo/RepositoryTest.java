package org.stowage.engine.internal.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.engine.internal.repo.TestRepositories.random;
import static org.stowage.engine.internal.repo.TestRepositories.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.StowageException;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.crypto.StoredForm;

class RepositoryTest {

    private final MemoryDevice device = new MemoryDevice("mem");

    @Test
    void blobsOfBothKindsRoundTripAcrossReopen() throws IOException {
        ByteBuffer data = text(1, 10_000);
        ByteBuffer tree = text(2, 300);
        BlobId dataId;
        BlobId treeId;
        try (Repository repo = TestRepositories.init(device)) {
            dataId = repo.blobId(data);
            treeId = repo.blobId(tree);
            assertTrue(repo.saveBlob(BlobKind.DATA, dataId, data).added());
            assertTrue(repo.saveBlob(BlobKind.TREE, treeId, tree).added());
            assertTrue(repo.contains(BlobKind.DATA, dataId), "pending counts as contained");
            assertFalse(repo.contains(BlobKind.TREE, dataId), "kinds are separate");
            repo.flush();
            assertEquals(data, repo.loadBlob(BlobKind.DATA, dataId));
        }
        try (Repository repo = TestRepositories.open(device)) {
            assertEquals(data, repo.loadBlob(BlobKind.DATA, dataId));
            assertEquals(tree, repo.loadBlob(BlobKind.TREE, treeId));
            assertEquals(SaveResult.KNOWN, repo.saveBlob(BlobKind.DATA, dataId, data));
        }
        assertEquals(2, count(BlobType.DATA), "one pack per kind");
        assertEquals(1, count(BlobType.INDEX));
    }

    @Test
    void concurrentSavesWithDuplicatesStoreEachBlobOnce() throws Exception {
        Random rnd = new Random(7);
        List<ByteBuffer> blobs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            blobs.add(i % 2 == 0 ? text(i, 1000 + rnd.nextInt(15_000)) : random(rnd, 1000 + rnd.nextInt(15_000)));
        }
        AtomicInteger added = new AtomicInteger();
        Map<BlobId, ByteBuffer> byId = new HashMap<>();
        try (Repository repo = TestRepositories.init(device)) {
            blobs.forEach(b -> byId.put(repo.blobId(b), b));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int shift = t * 37;
                Callable<Void> saver = () -> {
                    for (int i = 0; i < blobs.size(); i++) {
                        ByteBuffer blob = blobs.get((i + shift) % blobs.size());
                        if (repo.saveBlob(BlobKind.DATA, repo.blobId(blob), blob.duplicate()).added()) {
                            added.incrementAndGet();
                        }
                    }
                    return null;
                };
                done.add(pool.submit(saver));
            }
            for (Future<Void> f : done) {
                f.get();
            }
            pool.shutdown();
            repo.flush();
            assertEquals(blobs.size(), added.get(), "every blob added exactly once");
            int[] indexed = {0};
            repo.forEachIndexed(b -> indexed[0]++);
            assertEquals(blobs.size(), indexed[0]);
        }
        assertTrue(count(BlobType.DATA) > 10, "many packs of at most ~64 KiB");
        try (Repository repo = TestRepositories.open(device)) {
            for (Map.Entry<BlobId, ByteBuffer> e : byId.entrySet()) {
                assertEquals(e.getValue(), repo.loadBlob(BlobKind.DATA, e.getKey()));
            }
        }
    }

    @Test
    void incompressibleBlobIsStoredUncompressed() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            ByteBuffer noise = random(new Random(1), 8000);
            ByteBuffer prose = text(3, 8000);
            assertEquals(8000 + StoredForm.OVERHEAD, repo.saveBlob(BlobKind.DATA, repo.blobId(noise), noise)
                    .storedLength());
            int proseStored = repo.saveBlob(BlobKind.DATA, repo.blobId(prose), prose).storedLength();
            assertTrue(proseStored < 2000, "text compresses, stored " + proseStored);
            repo.flush();
            String packId = repo.lookup(BlobKind.DATA, repo.blobId(noise)).orElseThrow().packId();
            ByteBuffer pack = device.get(BlobName.of(BlobType.DATA, packId), ByteRange.ALL);
            Map<BlobId, Boolean> compressed = new HashMap<>();
            repo.format().readPackHeader(packId, device.descriptor().id(), pack).forEach(b -> compressed.put(b.id(),
                    b.storedLength() < b.plainLength()));
            assertEquals(Map.of(repo.blobId(noise), false, repo.blobId(prose), true), compressed);
            assertEquals(noise, repo.loadBlob(BlobKind.DATA, repo.blobId(noise)));
            assertEquals(prose, repo.loadBlob(BlobKind.DATA, repo.blobId(prose)));
        }
    }

    @Test
    void wrongPasswordIsAClearError() throws IOException {
        TestRepositories.init(device).close();
        RepositoryNotReadyException e = assertThrows(RepositoryNotReadyException.class,
                () -> Repositories.open(device, "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("password does not open any key") && e.getMessage().contains("'mem'"),
                e.getMessage());
    }

    @Test
    void openWithoutRepositoryAndInitTwiceAreClearErrors() throws IOException {
        RepositoryNotReadyException none = assertThrows(RepositoryNotReadyException.class,
                () -> TestRepositories.open(device));
        assertTrue(none.getMessage().contains("holds no repository"), none.getMessage());
        TestRepositories.init(device).close();
        StowageException twice = assertThrows(StowageException.class, () -> TestRepositories.init(device));
        assertTrue(twice.getMessage().contains("already holds a repository"), twice.getMessage());
    }

    @Test
    void nothingButKeyFilesIsReadableWithoutTheKey() throws IOException {
        ByteBuffer marker = ByteBuffer.wrap("SECRET-MARKER-".repeat(100).getBytes());
        try (Repository repo = TestRepositories.init(device)) {
            repo.saveBlob(BlobKind.DATA, repo.blobId(marker), marker);
            repo.flush();
        }
        for (BlobType type : BlobType.values()) {
            device.list(type, info -> {
                String content = new String(readAll(info.name()), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(content.contains("SECRET-MARKER"), info.name().toString());
                assertEquals(type == BlobType.KEY, content.contains("scrypt"), info.name().toString());
            });
        }
    }

    @Test
    void aFlippedByteInAPackFailsVerification() throws IOException {
        ByteBuffer data = text(5, 5000);
        BlobId id;
        try (Repository repo = TestRepositories.init(device)) {
            id = TestRepositories.saveData(repo, data);
            repo.flush();
            PackedBlob blob = repo.lookup(BlobKind.DATA, id).orElseThrow();
            BlobName pack = BlobName.of(BlobType.DATA, blob.packId());
            byte[] bytes = readAll(pack);
            bytes[(int) blob.offset() + 20] ^= 1;
            device.overwrite(pack, bytes);
            IntegrityException e = assertThrows(IntegrityException.class, () -> repo.loadBlob(BlobKind.DATA, id));
            assertTrue(e.getMessage().contains(id.hex()) && e.getMessage().contains(blob.packId())
                    && e.getMessage().contains("'mem'"), e.getMessage());
        }
    }

    @Test
    void loadBlobsReadsARunOfOnePack() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            List<ByteBuffer> contents = List.of(text(1, 3000), random(new Random(2), 2000), text(3, 4000));
            List<BlobId> ids = new ArrayList<>();
            for (ByteBuffer c : contents) {
                ids.add(TestRepositories.saveData(repo, c));
            }
            repo.flush();
            List<PackedBlob> run = new ArrayList<>();
            for (BlobId id : ids) {
                run.add(0, repo.lookup(BlobKind.DATA, id).orElseThrow());
            }
            List<ByteBuffer> loaded = new ArrayList<>();
            repo.loadBlobs(run, (blob, plain) -> loaded.add(plain));
            assertEquals(contents, loaded, "in offset order");
        }
    }

    private long count(BlobType type) throws IOException {
        long[] n = {0};
        device.list(type, info -> n[0]++);
        return n[0];
    }

    private byte[] readAll(BlobName name) {
        try {
            ByteBuffer b = device.get(name, ByteRange.ALL);
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
