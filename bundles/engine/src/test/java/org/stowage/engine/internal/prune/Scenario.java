package org.stowage.engine.internal.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stowage.engine.internal.repo.TestRepositories.file;
import static org.stowage.engine.internal.repo.TestRepositories.snapshot;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.stowage.device.testkit.FaultyDevice;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.TestRepositories;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.Tree;

/**
 * Three backups, one flush each, trees built by hand: A (20 incompressible blobs of 2500 bytes: one data pack),
 * B (20 new blobs plus A's first 5), C (10 blobs). Then snapshots A and C are deleted, so A's data pack is 25 %
 * used (repack), C's is unused (delete), and A's and C's tree packs are unused (delete).
 */
final class Scenario {

    final MemoryDevice memory = new MemoryDevice("mem");
    final FaultyDevice device = FaultyDevice.wrap(memory).build();
    final List<BlobId> a = new ArrayList<>();
    final List<BlobId> b = new ArrayList<>();
    final List<BlobId> c = new ArrayList<>();

    Scenario build() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            String snapA = backup(repo, "a", a, 20, List.of(), 1);
            backup(repo, "b", b, 20, a.subList(0, 5), 2);
            String snapC = backup(repo, "c", c, 10, List.of(), 3);
            repo.deleteSnapshot(snapA);
            repo.deleteSnapshot(snapC);
        }
        return this;
    }

    /** The one remaining snapshot (B) loads completely: its tree, and every data blob verifies. */
    void assertRestorable(Repository repo) throws IOException {
        List<SnapshotRecord> records = repo.snapshots();
        assertEquals(1, records.size());
        List<BlobId> seen = new ArrayList<>();
        Tree root = Json.read(repo.loadBlob(BlobKind.TREE, records.get(0).snapshot().tree()), Tree.class);
        for (Node node : root.nodes()) {
            for (BlobId id : node.content()) {
                assertEquals(id, repo.blobId(repo.loadBlob(BlobKind.DATA, id)));
                seen.add(id);
            }
        }
        List<BlobId> expected = new ArrayList<>(a.subList(0, 5));
        expected.addAll(b);
        assertEquals(expected, seen);
    }

    /** One backup of {@code count} new random 2500-byte blobs (added to {@code fresh}) and {@code shared}, flushed. */
    static String backup(Repository repo, String name, List<BlobId> fresh, int count, List<BlobId> shared, int seed)
            throws IOException {
        Random rnd = new Random(seed);
        for (int i = 0; i < count; i++) {
            fresh.add(TestRepositories.saveData(repo, TestRepositories.random(rnd, 2500)));
        }
        List<BlobId> content = new ArrayList<>(shared);
        content.addAll(fresh);
        BlobId root = TestRepositories.saveTree(repo, List.of(file(name, content)));
        repo.flush();
        return repo.saveSnapshot(snapshot(Instant.ofEpochSecond(seed * 1000L), root));
    }
}
