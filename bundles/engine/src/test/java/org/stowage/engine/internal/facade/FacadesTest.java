package org.stowage.engine.internal.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.RetentionPolicy;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.testing.MemoryRepository;
import org.stowage.engine.internal.testing.SampleTree;
import org.stowage.engine.internal.tree.Tree;

class FacadesTest {

    @TempDir
    Path sources;
    @TempDir
    Path restored;

    private final MemoryRepository repository = new MemoryRepository();
    private final EngineBackupService backups = new EngineBackupService(() -> repository);
    private final EngineSnapshotService snapshots = new EngineSnapshotService(() -> repository);
    private Path src;

    @BeforeEach
    void setUp() throws IOException {
        src = sources.resolve("src");
        SampleTree.create(src);
    }

    @Test
    void secondBackupPicksTheLatestOfTheSameHostAndPathsAsParent() {
        SnapshotInfo first = backups.backup(new BackupRequest(List.of(src), "h", Set.of("job"), null), null);
        SnapshotInfo other = backups.backup(new BackupRequest(List.of(src.resolve("nested")), "h", Set.of(), null),
                null);
        SnapshotInfo second = backups.backup(new BackupRequest(List.of(src), "h", Set.of(), null), null);
        assertEquals(first.id(), second.parent());
        assertEquals(6, second.stats().filesUnmodified());
        SnapshotInfo forced = backups.backup(new BackupRequest(List.of(src), "h", Set.of(), "none"), null);
        assertEquals(null, forced.parent());
        assertEquals(6, forced.stats().filesNew());
        SnapshotInfo named = backups.backup(new BackupRequest(List.of(src), "h", Set.of(), other.shortId()), null);
        assertEquals(other.id(), named.parent());
        assertEquals(List.of(src.toString()), first.paths());
        assertEquals(Set.of("job"), first.tags());
    }

    @Test
    void findsSnapshotsByIdPrefixAndLatest() {
        SnapshotInfo a = backups.backup(new BackupRequest(List.of(src), "h", Set.of(), null), null);
        SnapshotInfo b = backups.backup(new BackupRequest(List.of(src), "h", Set.of(), null), null);
        assertEquals(List.of(a.id(), b.id()), snapshots.snapshots().stream().map(SnapshotInfo::id).toList());
        assertEquals(b, snapshots.snapshot("latest"));
        assertEquals(a, snapshots.snapshot(a.id()));
        assertEquals(a, snapshots.snapshot(a.id().substring(0, 12)));
        SnapshotNotFoundException none = assertThrows(SnapshotNotFoundException.class, () -> snapshots.snapshot("zz"));
        assertTrue(none.getMessage().contains("'zz'"), none.getMessage());
    }

    @Test
    void ambiguousPrefixIsRefused() throws IOException {
        BlobId tree = emptyTree();
        Map<Character, Integer> firstChars = new HashMap<>();
        for (int i = 0; i < 17; i++) { // 17 ids in 16 hex digits: two share their first character
            Snapshot s = new Snapshot(Instant.ofEpochSecond(i), "h", "u", List.of("/x"), Set.of(), null, tree, null,
                    null);
            firstChars.merge(repository.saveSnapshot(s).charAt(0), 1, Integer::sum);
        }
        char shared = firstChars.entrySet().stream().filter(e -> e.getValue() > 1).findFirst().orElseThrow().getKey();
        SnapshotNotFoundException e = assertThrows(SnapshotNotFoundException.class,
                () -> snapshots.snapshot(String.valueOf(shared)));
        assertTrue(e.getMessage().contains("more characters"), e.getMessage());
    }

    @Test
    void listsEntriesOfAPath() {
        SnapshotInfo s = backups.backup(new BackupRequest(List.of(src), "h", Set.of(), null), null);
        List<NodeInfo> top = snapshots.list(s.shortId(), src.toString(), false);
        assertEquals(List.of("big.bin", "empty.txt", "emptydir", "link", "nested", "script.sh", "small.txt"),
                top.stream().map(n -> n.path().substring(src.toString().length() + 1)).toList());
        NodeInfo link = top.get(3);
        assertEquals(NodeInfo.Type.SYMLINK, link.type());
        assertEquals("small.txt", link.linkTarget());
        NodeInfo small = top.get(6);
        assertEquals(6, small.size());
        assertEquals(0640, small.mode());
        List<NodeInfo> nested = snapshots.list("latest", src + "/nested", true);
        assertEquals(List.of("/a", "/a/b", "/a/b/deep.txt", "/a/sibling.txt", "/dangling"),
                nested.stream().map(n -> n.path().substring((src + "/nested").length())).toList());
        assertEquals(List.of(src + "/small.txt"), snapshots.list("latest", src + "/small.txt", false).stream()
                .map(NodeInfo::path).toList());
        assertEquals(1, snapshots.list("latest", "/", false).size());
        assertThrows(StowageException.class, () -> snapshots.list("latest", src + "/nope", false));
    }

    @Test
    void restoresThroughTheFacade() throws IOException {
        backups.backup(new BackupRequest(List.of(src), "h", Set.of(), null), null);
        RestoreResult result = new EngineRestoreService(() -> repository)
                .restore(new RestoreRequest("latest", restored, List.of(src + "/nested")), ProgressListener.NONE);
        assertEquals(List.of(), result.failures());
        assertEquals(2, result.files());
        SampleTree.assertSame(src.resolve("nested"), restored.resolve(src.toString().substring(1) + "/nested"));
        assertThrows(SnapshotNotFoundException.class, () -> new EngineRestoreService(() -> repository)
                .restore(new RestoreRequest("ffff", restored, List.of()), null));
    }

    @Test
    void forgetRemovesWhatThePolicyDoesNotKeep() throws IOException {
        BlobId tree = emptyTree();
        for (int day = 1; day <= 5; day++) {
            repository.saveSnapshot(new Snapshot(Instant.parse("2024-05-0" + day + "T10:00:00Z"), "h", "u",
                    List.of("/x"), Set.of(), null, tree, null, null));
        }
        EngineRetentionService retention = new EngineRetentionService(() -> repository, ZoneOffset.UTC);
        ForgetResult dry = retention.forget(RetentionPolicy.parse("last=2"), true);
        assertEquals(3, dry.removed().size());
        assertEquals(5, repository.snapshots().size());
        ForgetResult done = retention.forget(RetentionPolicy.parse("last=2"), false);
        assertEquals(dry.removed(), done.removed());
        assertEquals(done.kept().stream().map(SnapshotInfo::id).toList(),
                repository.snapshots().stream().map(r -> r.id()).toList());
    }

    @Test
    void forgetWithATagLeavesSnapshotsWithoutItAlone() throws IOException {
        BlobId tree = emptyTree();
        for (int day = 1; day <= 4; day++) {
            Set<String> tags = day % 2 == 0 ? Set.of("job:nightly") : Set.of();
            repository.saveSnapshot(new Snapshot(Instant.parse("2024-05-0" + day + "T10:00:00Z"), "h", "u",
                    List.of("/x"), tags, null, tree, null, null));
        }
        EngineRetentionService retention = new EngineRetentionService(() -> repository, ZoneOffset.UTC);
        ForgetResult result = retention.forget(RetentionPolicy.parse("last=1"), Set.of("job:nightly"), false);
        assertEquals(1, result.kept().size());
        assertEquals(1, result.removed().size());
        assertEquals(Set.of("job:nightly"), result.removed().get(0).tags());
        assertEquals(3, repository.snapshots().size(), "the two untagged snapshots and the newest tagged one stay");
    }

    @Test
    void errorsAreApiExceptions() {
        EngineSnapshotService closed = new EngineSnapshotService(() -> null);
        assertThrows(RepositoryNotReadyException.class, closed::snapshots);
        assertThrows(SnapshotNotFoundException.class, () -> snapshots.snapshot("latest"));
        StowageException missing = assertThrows(StowageException.class, () -> backups.backup(
                BackupRequest.of(sources.resolve("missing")), null));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    private BlobId emptyTree() throws IOException {
        byte[] json = Json.write(new Tree(List.of()));
        ByteBuffer buffer = ByteBuffer.allocateDirect(json.length).put(json).flip();
        BlobId id = repository.blobId(buffer);
        repository.saveBlob(BlobKind.TREE, id, buffer);
        repository.flush();
        return id;
    }
}
