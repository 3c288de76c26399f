package org.stowage.engine.internal.archiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.ReplicaSwitch;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.facade.EngineRestoreService;
import org.stowage.engine.internal.repo.CheckpointStore;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.engine.internal.selection.Selection;
import org.stowage.engine.internal.snapshot.Checkpoint;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.snapshot.SnapshotReplicas;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.Served;
import org.stowage.engine.internal.tree.Tree;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobKind;

/**
 * Replica failover on real files: three replicas of one tree, the one being read breaks at about half of the
 * bytes (read errors, or its folder renamed away); the backup completes from another replica, reads again at most
 * one chunk max per file in flight, stores nothing twice, records the replicas and restores byte-identically.
 */
class ReplicaFailoverTest {

    private static final int CHUNK_MAX = 256 << 10;
    private static final char[] PASSWORD = "secret".toCharArray();
    private static final Path LOGICAL = Path.of("/replicated/data");

    @TempDir
    Path dir;

    private final MemoryDevice device = new MemoryDevice("replica-test");
    private Repository repository;
    private List<Path> replicas;
    private long total;

    @BeforeEach
    void setUp() throws IOException {
        repository = Repositories.init(device, PASSWORD, RepositoryOptions.defaults()
                .withChunks(16 << 10, 64 << 10, CHUNK_MAX).withPackSize(1 << 20).withScryptN(16));
        replicas = List.of(dir.resolve("a"), dir.resolve("b"), dir.resolve("c"));
        total = 0;
        Random random = new Random(15);
        for (int i = 0; i < 14; i++) {
            byte[] content = new byte[(i % 4 == 0 ? 3 << 20 : 0) + random.nextInt(900 << 10)];
            random.nextBytes(content);
            total += content.length;
            String name = (i % 3 == 0 ? "sub/" : i % 3 == 1 ? "sub/deeper/" : "") + "file-" + i;
            for (Path root : replicas) {
                Files.createDirectories(root.resolve(name).getParent());
                Files.write(root.resolve(name), content);
            }
        }
    }

    @AfterEach
    void close() throws IOException {
        repository.close();
    }

    @Test
    void readErrorsHalfwayMoveTheBackupToTheNextReplicaWhichContinuesAtTheLastChunk() throws IOException {
        ReplicaFaults faults = new ReplicaFaults(replicas.get(0), total / 2, ReplicaFaults.Kind.READ_ERRORS);
        Switches switches = new Switches();
        SnapshotRecord snapshot = backup(faults, switches);

        assertTrue(faults.struck(), "the fault never struck: the test proves nothing");
        assertNull(snapshot.snapshot().incompleteReason());
        assertEquals(0, snapshot.snapshot().stats().errors(), "no file may be left without content");
        SnapshotReplicas record = snapshot.snapshot().replicas();
        assertEquals(replicas.stream().map(Path::toString).toList(), record.roots());
        assertEquals(1, record.switches().size(), record.switches().toString());
        ReplicaSwitch change = record.switches().get(0);
        assertEquals(replicas.get(0).toString(), change.from());
        assertEquals(replicas.get(1).toString(), change.to());
        assertTrue(change.reason().contains("injected fault"), change.reason());
        assertEquals(record.switches(), switches.seen, "one event per switch");
        assertEquals(0, faults.read(replicas.get(2)), "the third replica was never needed");

        List<Node> files = files(snapshot);
        long switchedFiles = files.stream().filter(n -> n.served().size() > 1).count();
        assertTrue(switchedFiles >= 1, "no file was in flight at the fault: the bound proves nothing");
        long reread = faults.readTotal() - total;
        assertEquals(reread, record.reread(), "the snapshot's count of bytes read again is what was read again");
        assertTrue(reread <= switchedFiles * CHUNK_MAX, "read again " + reread + " bytes for " + switchedFiles
                + " files in flight, more than one chunk max each");
        assertTrue(files.stream().flatMap(n -> n.served().stream()).allMatch(r -> r.replica() <= 1));
        assertTrue(files.stream().anyMatch(n -> n.served().equals(List.of(new Served(0, 0)))));
        assertTrue(files.stream().anyMatch(n -> n.served().equals(List.of(new Served(1, 0)))));
        assertRestoresAs(snapshot, replicas.get(2));
        assertTrue(switches.checkpointSeenByAnotherProcess, "at the switch another process must see a checkpoint");
        assertTrue(repository.checkpoints().list().isEmpty(), "the committed snapshot replaces the checkpoints");
    }

    @Test
    void aReplicaRenamedAwayHalfwayIsLeftForTheNextOne() throws IOException {
        ReplicaFaults faults = new ReplicaFaults(replicas.get(0), total / 2, ReplicaFaults.Kind.RENAMED);
        SnapshotRecord snapshot = backup(faults, new Switches());

        assertTrue(faults.struck());
        assertFalse(Files.exists(replicas.get(0)), "the replica was renamed away");
        assertNull(snapshot.snapshot().incompleteReason());
        assertEquals(0, snapshot.snapshot().stats().errors());
        List<ReplicaSwitch> switches = snapshot.snapshot().replicas().switches();
        assertEquals(1, switches.size(), switches.toString());
        assertEquals(replicas.get(1).toString(), switches.get(0).to());
        long reread = faults.readTotal() - total;
        assertTrue(reread <= files(snapshot).stream().filter(n -> n.served().size() > 1).count() * CHUNK_MAX);
        assertRestoresAs(snapshot, replicas.get(1));
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // a file that fails on every replica must not make the run go round forever
    void aFileWhoseReadsFailOnEveryReplicaIsKeptWithoutContentAndTheRunCompletes() throws IOException {
        SourceOpener broken = path -> {
            if (!path.getFileName().toString().equals("file-5")) {
                return SourceOpener.FILES.open(path);
            }
            return new java.nio.channels.ReadableByteChannel() { // opens on every replica, never reads
                @Override
                public int read(ByteBuffer dst) throws IOException {
                    throw new IOException("injected fault: bad block in " + path);
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {
                }
            };
        };
        SnapshotRecord snapshot = backup(broken, new Switches());
        assertNull(snapshot.snapshot().incompleteReason());
        assertEquals(1, snapshot.snapshot().stats().errors(), "file-5 is the one unreadable entry");
        Node file5 = files(snapshot).stream().filter(n -> n.name().equals("file-5")).findFirst().orElseThrow();
        assertTrue(file5.error().contains("bad block"), file5.error());
    }

    @Test
    void aSecondRunStoresNothingAgainAndRemovesCheckpointsACrashedRunLeft() throws IOException {
        backup(new ReplicaFaults(replicas.get(0), total / 2, ReplicaFaults.Kind.READ_ERRORS), new Switches());
        Checkpoint crashed = new Checkpoint(Checkpoint.FORMAT, "crashed-run", "h", Instant.now().minusSeconds(60),
                LOGICAL.toString(), replicas.stream().map(Path::toString).toList(), 1, 3, "sub/file-3",
                List.of(new Checkpoint.FileProgress("sub/file-3", 1, 2, 0, List.of())), List.of());
        String left = repository.checkpoints().save(crashed);
        device.put(BlobName.of(BlobType.CHECKPOINT, "garbage"), ByteBuffer.wrap(new byte[]{1, 2, 3}));
        assertEquals(List.of(left), repository.checkpoints().list().stream().map(CheckpointStore.Stored::id).toList(),
                "a checkpoint that does not decode is ignored");

        long dataBlobs = dataBlobs();
        SnapshotRecord second = new Archiver(repository, SourceOpener.FILES, 2).checkpointEvery(1 << 20)
                .backupReplicas(LOGICAL, replicas, Selection.EVERYTHING, "h", Set.of(), null, ProgressListener.NONE);
        assertEquals(dataBlobs, dataBlobs(), "every chunk was stored by the first run");
        assertEquals(0, second.snapshot().replicas().reread());
        assertTrue(repository.checkpoints().list().isEmpty(), "the crashed run's checkpoint is superseded");
        assertRestoresAs(second, replicas.get(1));
    }

    @Test
    void anotherProcessContinuesTheFilesAFailedRunHadInFlightAtTheirLastStoredChunk() throws IOException {
        // the reader crashes halfway through file-4 (3 MiB and more): not an I/O error, so no replica switch
        SourceOpener crashing = path -> {
            java.nio.channels.ReadableByteChannel file = SourceOpener.FILES.open(path);
            if (!path.getFileName().toString().equals("file-4")) {
                return file;
            }
            long[] read = {0};
            return new java.nio.channels.ReadableByteChannel() {
                @Override
                public int read(ByteBuffer dst) throws IOException {
                    if (read[0] > (3 << 20) / 2) {
                        throw new IllegalStateException("the reader crashed in " + path);
                    }
                    int n = file.read(dst);
                    read[0] += Math.max(0, n);
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return file.isOpen();
                }

                @Override
                public void close() throws IOException {
                    file.close();
                }
            };
        };
        // a checkpoint about every chunk, so that the last one before the crash has file-4's stored chunks
        assertThrows(org.stowage.api.repository.StowageException.class, () -> new Archiver(repository, crashing, 2)
                .checkpointEvery(64 << 10).backupReplicas(LOGICAL, replicas, Selection.EVERYTHING, "h", Set.of(),
                        null, ProgressListener.NONE));
        List<Checkpoint> left = repository.checkpoints().list().stream().map(CheckpointStore.Stored::checkpoint)
                .toList();
        assertEquals(1, left.size(), "the failed run keeps its last checkpoint for whoever continues");
        long stored = left.get(0).inFlight().stream().mapToLong(Checkpoint.FileProgress::offset).sum();
        assertTrue(stored > 0, "the checkpoint records no stored chunk of a file in flight: nothing to continue");

        ReplicaFaults second = new ReplicaFaults(replicas.get(0), Long.MAX_VALUE, ReplicaFaults.Kind.READ_ERRORS);
        try (Repository other = Repositories.open(device, PASSWORD)) { // "another process"
            SnapshotRecord snapshot = new Archiver(other, second, 2).checkpointEvery(1 << 20)
                    .backupReplicas(LOGICAL, replicas, Selection.EVERYTHING, "h", Set.of(), null, new Switches());
            assertNull(snapshot.snapshot().incompleteReason());
            assertEquals(stored, snapshot.snapshot().replicas().continued());
            assertEquals(total - stored, second.readTotal(), "the stored prefixes of the files in flight are not read");
            assertTrue(other.checkpoints().list().isEmpty());
        }
        assertRestoresAs(latest(), replicas.get(0));
    }

    private SnapshotRecord latest() throws IOException {
        List<SnapshotRecord> all = repository.snapshots();
        return all.get(all.size() - 1);
    }

    @Test
    void theBackupServiceTakesReplicasAndRecordsTheLogicalPath() {
        SnapshotInfo info = new EngineBackupService(() -> repository).backup(BackupRequest.ofReplicas(LOGICAL,
                replicas), null);
        assertEquals(List.of(LOGICAL.toString()), info.paths());
        assertEquals(14, info.stats().filesNew());
        assertThrows(IllegalArgumentException.class, () -> new BackupRequest(List.of(LOGICAL, Path.of("/other")),
                null, Set.of(), null, null, null, replicas), "replicas serve one logical path");
    }

    private long dataBlobs() {
        long[] count = {0};
        repository.forEachIndexed(b -> count[0] += b.kind() == BlobKind.DATA ? 1 : 0);
        return count[0];
    }

    private SnapshotRecord backup(SourceOpener opener, Switches switches) {
        return new Archiver(repository, opener, 2).checkpointEvery(1 << 20)
                .backupReplicas(LOGICAL, replicas, Selection.EVERYTHING, "h", Set.of(), null, switches);
    }

    /** The regular files of the snapshot's tree, walked from the logical path. */
    private List<Node> files(SnapshotRecord snapshot) throws IOException {
        List<Node> out = new ArrayList<>();
        Node replicated = child(tree(snapshot.snapshot().tree()), "replicated");
        collect(child(tree(replicated.subtree()), "data"), out);
        assertEquals(14, out.size());
        return out;
    }

    private void collect(Node dirNode, List<Node> out) throws IOException {
        for (Node n : tree(dirNode.subtree()).nodes()) {
            if (n.subtree() != null) {
                collect(n, out);
            } else {
                out.add(n);
            }
        }
    }

    private Node child(Tree tree, String name) {
        return tree.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private Tree tree(org.stowage.engine.internal.repo.BlobId id) throws IOException {
        return Json.read(repository.loadBlob(BlobKind.TREE, id), Tree.class);
    }

    private void assertRestoresAs(SnapshotRecord snapshot, Path replica) throws IOException {
        Path target = dir.resolve("restored-" + snapshot.id().substring(0, 8));
        new EngineRestoreService(() -> repository).restore(new RestoreRequest(snapshot.id(), target, List.of()),
                null);
        Path restored = target.resolve("replicated/data");
        try (Stream<Path> walk = Files.walk(replica)) {
            for (Path source : walk.filter(Files::isRegularFile).toList()) {
                Path copy = restored.resolve(replica.relativize(source).toString());
                assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(copy), copy.toString());
            }
        }
        try (Stream<Path> walk = Files.walk(restored)) {
            assertEquals(14, walk.filter(Files::isRegularFile).count());
        }
    }

    /** Records switches and, at each, reads the checkpoints through a second repository instance. */
    private final class Switches implements ProgressListener {

        final List<ReplicaSwitch> seen = new CopyOnWriteArrayList<>();
        volatile boolean checkpointSeenByAnotherProcess;

        @Override
        public void progress(Progress progress) {
        }

        @Override
        public void replicaSwitched(ReplicaSwitch change) {
            seen.add(change);
            try (Repository other = Repositories.open(device, PASSWORD)) {
                checkpointSeenByAnotherProcess = other.checkpoints().list().stream()
                        .map(CheckpointStore.Stored::checkpoint)
                        .anyMatch(c -> c.source().equals(LOGICAL.toString()) && c.switches().contains(change)
                                && c.roots().get(c.current()).equals(change.to()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
