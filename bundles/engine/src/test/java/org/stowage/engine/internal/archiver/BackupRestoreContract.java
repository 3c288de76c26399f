package org.stowage.engine.internal.archiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.restorer.Restorer;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.testing.FailingRepository;
import org.stowage.engine.internal.testing.SampleTree;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/**
 * Backup and restore with real files, run against every {@link Repository} implementation: subclasses supply the
 * repository and a way to corrupt a stored blob.
 */
abstract class BackupRestoreContract {

    @TempDir
    Path sources;
    @TempDir
    Path restored;

    Path src;
    Repository repository;
    final Warnings warnings = new Warnings();

    /** A fresh repository with 16/64/256 KiB chunks and 1 MiB packs. */
    abstract Repository newRepository() throws IOException;

    /** Damages the stored form of {@code blob}, as bit rot would. */
    abstract void corrupt(PackedBlob blob) throws IOException;

    @BeforeEach
    void setUp() throws IOException {
        repository = newRepository();
        src = sources.resolve("src");
        SampleTree.create(src);
    }

    @Test
    void restoreIsBitIdenticalWithModesTimesAndLinks() throws IOException {
        SnapshotRecord snapshot = backup(SourceOpener.FILES, null);
        assertEquals(0, snapshot.snapshot().stats().errors());
        assertNull(snapshot.snapshot().incompleteReason());
        assertTrue(snapshot.snapshot().stats().filesNew() == 6, "stats " + snapshot.snapshot().stats());
        RestoreResult result = restore(snapshot, List.of());
        assertEquals(List.of(), result.failures());
        assertEquals(6, result.files());
        assertEquals(2, result.symlinks());
        SampleTree.assertSame(src, inRestore(src));
        assertTrue(chunksOf("big.bin", snapshot) > 3, "big.bin spans several chunks");
        assertProgressEndsAt(warnings.reports("restore"), 6, result.bytes());
    }

    /** Reports that never go back and end at the operation's totals. */
    private static void assertProgressEndsAt(List<Progress> reports, long files, long bytes) {
        assertFalse(reports.isEmpty(), "no progress was reported");
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i).filesDone() >= reports.get(i - 1).filesDone()
                    && reports.get(i).bytesDone() >= reports.get(i - 1).bytesDone(), "progress went back: " + reports);
        }
        Progress last = reports.get(reports.size() - 1);
        assertEquals(files, last.filesDone(), "files at the end: " + last);
        assertEquals(bytes, last.bytesDone(), "bytes at the end: " + last);
    }

    @Test
    void rootTreeMirrorsTheAbsolutePathWithRealMetadataAbove() throws IOException {
        SnapshotRecord snapshot = backup(SourceOpener.FILES, null);
        Tree level = tree(snapshot.snapshot().tree());
        Path walked = Path.of("/");
        for (Path name : src) {
            assertEquals(1, level.nodes().size(), "only the backed-up path below " + walked);
            Node node = level.nodes().get(0);
            assertEquals(name.toString(), node.name());
            walked = walked.resolve(name);
            assertEquals(Files.getAttribute(walked, "unix:ino"), node.inode(), "real metadata of " + walked);
            level = tree(node.subtree());
        }
        assertEquals(List.of("big.bin", "empty.txt", "emptydir", "link", "nested", "script.sh", "small.txt"),
                level.nodes().stream().map(Node::name).toList());
    }

    @Test
    void unchangedSecondBackupReadsNoFileAndAddsOnlyTreesAbove() throws IOException {
        SnapshotRecord first = backup(SourceOpener.FILES, null);
        AtomicInteger opened = new AtomicInteger();
        SnapshotRecord second = backup(p -> {
            opened.incrementAndGet();
            return SourceOpener.FILES.open(p);
        }, first);
        assertEquals(0, opened.get(), "files read although unchanged");
        assertEquals(6, second.snapshot().stats().filesUnmodified());
        assertEquals(0, second.snapshot().stats().filesNew() + second.snapshot().stats().filesChanged());
        // only trees above the source (whose directories' times other processes may touch) can be new
        assertTrue(second.snapshot().stats().blobsAdded() <= src.getNameCount(), "" + second.snapshot().stats());
        assertEquals(first.snapshot().stats().bytesProcessed(), second.snapshot().stats().bytesProcessed());
        assertEquals(first.id(), second.snapshot().parent());
        SampleTree.assertSame(src, inRestore(src, restore(second, List.of())));
    }

    @Test
    void onePercentChangeAddsAboutOnePercent() throws IOException {
        Path big = src.resolve("big.bin");
        Files.write(big, SampleTree.random(21, 8_000_000));
        SnapshotRecord first = backup(SourceOpener.FILES, null);
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.seek(4_000_000);
            file.write(SampleTree.random(22, 80_000));
        }
        SnapshotRecord second = backup(SourceOpener.FILES, first);
        long added = second.snapshot().stats().bytesAdded();
        assertEquals(1, second.snapshot().stats().filesChanged());
        assertTrue(added >= 80_000 && added < 800_000, "added " + added + " bytes for an 80 kB change of 8 MB");
        SampleTree.assertSame(src, inRestore(src, restore(second, List.of())));
    }

    @Test
    void fileDeletedBetweenListingAndReadingIsAWarningAndTheRestIsBackedUp() throws IOException {
        Path victim = src.resolve("nested/victim.txt");
        Files.writeString(victim, "gone soon", StandardCharsets.UTF_8);
        SnapshotRecord snapshot = backup(p -> {
            if (p.equals(victim)) {
                Files.delete(p); // a real race: listed and stat'ed, then deleted before it is read
            }
            return SourceOpener.FILES.open(p);
        }, null);
        assertEquals(1, snapshot.snapshot().stats().errors());
        assertEquals(List.of(victim.toString()), warnings.items());
        assertTrue(warnings.messages.get(victim.toString()).contains("NoSuchFile"), warnings.messages.toString());
        Node node = find(snapshot, "nested/victim.txt");
        assertNotNull(node.error());
        assertEquals(List.of(), node.content());
        RestoreResult result = restore(snapshot, List.of());
        assertEquals(1, result.failures().size(), "" + result.failures());
        assertTrue(result.failures().get(0).contains("victim.txt"), result.failures().get(0));
        // deleting the victim touched nested/ after the backup read it: restore gives the backed-up time
        Files.setLastModifiedTime(src.resolve("nested"), java.nio.file.attribute.FileTime.from(
                find(snapshot, "nested").mtimeNanos(), java.util.concurrent.TimeUnit.NANOSECONDS));
        SampleTree.assertSame(src, inRestore(src)); // all other entries restored
    }

    /**
     * A file that fails to read even for root: {@code /proc/<pid>/mem} is a regular file whose read at offset 0
     * fails with EIO. Backed up beside the sample tree, it becomes a warning and an entry without content, and
     * everything else is backed up and restorable.
     */
    @Test
    void aFileThatFailsToReadIsAWarningAndTheRestIsBackedUp() throws IOException {
        Path unreadable = Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "mem");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(unreadable),
                "needs Linux procfs for a file that cannot be read");
        SnapshotRecord snapshot = new Archiver(repository, SourceOpener.FILES, 2)
                .backup(List.of(src, unreadable), "host", Set.of(), null, warnings);
        assertEquals(1, snapshot.snapshot().stats().errors());
        assertEquals(List.of(unreadable.toString()), warnings.items());
        assertTrue(warnings.messages.get(unreadable.toString()).contains("cannot read file"),
                warnings.messages.toString());
        assertEquals(6, snapshot.snapshot().stats().filesNew(), "every sample file backed up");
        restore(snapshot, List.of(src.toString()));
        SampleTree.assertSame(src, inRestore(src));
    }

    @Test
    void missingSourcePathFailsBeforeAnythingIsWritten() throws IOException {
        Path missing = sources.resolve("missing");
        StowageException e = assertThrows(StowageException.class, () -> new Archiver(repository)
                .backup(List.of(src, missing), "host", Set.of(), null, warnings));
        assertEquals("source path " + missing + " does not exist; check the backup's paths", e.getMessage());
        assertEquals(List.of(), repository.snapshots());
        List<PackedBlob> stored = new ArrayList<>();
        repository.forEachIndexed(stored::add);
        assertEquals(List.of(), stored);
    }

    @Test
    void corruptBlobFailsOnlyTheFilesThatNeedIt() throws IOException {
        SnapshotRecord snapshot = backup(SourceOpener.FILES, null);
        BlobId bad = find(snapshot, "nested/a/b/deep.txt").content().get(0);
        corrupt(repository.lookup(BlobKind.DATA, bad).orElseThrow());
        RestoreResult result = restore(snapshot, List.of());
        assertEquals(1, result.failures().size(), "" + result.failures());
        assertTrue(result.failures().get(0).contains("deep.txt") && result.failures().get(0).contains(
                bad.shortHex()), result.failures().get(0));
        Path deep = inRestore(src).resolve("nested/a/b/deep.txt");
        assertFalse(Files.exists(deep), "a file with a corrupt blob must not be put in place");
        try (Stream<Path> left = Files.list(deep.getParent())) {
            assertEquals(List.of(), left.toList(), "temporary file removed");
        }
        SampleTree.assertSame(src, inRestore(src), Set.of("nested/a/b/deep.txt"));
    }

    /** Before, an empty file whose place was taken aborted the whole restore and left its temporary file. */
    @Test
    void anEmptyFileWhosePlaceIsTakenFailsAloneAndLeavesNoTemporaryFile() throws IOException {
        Files.write(src.resolve("empty"), new byte[0]);
        SnapshotRecord snapshot = backup(SourceOpener.FILES, null);
        Path taken = Files.createDirectories(inRestore(src).resolve("empty/occupied"));
        RestoreResult result = restore(snapshot, List.of());
        assertEquals(1, result.failures().size(), "" + result.failures());
        assertTrue(result.failures().get(0).contains("empty"), result.failures().get(0));
        assertTrue(Files.isDirectory(taken), "what was there stays");
        try (Stream<Path> left = Files.list(inRestore(src))) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no temporary file left");
        }
        SampleTree.assertSame(src.resolve("nested"), inRestore(src).resolve("nested"));
    }

    @Test
    void includesRestoreOnlyTheChosenSubtree() throws IOException {
        SnapshotRecord snapshot = backup(SourceOpener.FILES, null);
        RestoreResult result = restore(snapshot, List.of(src.resolve("nested/a") + "/"));
        assertEquals(List.of(), result.failures());
        SampleTree.assertSame(src.resolve("nested/a"), inRestore(src).resolve("nested/a"));
        try (Stream<Path> top = Files.list(inRestore(src))) {
            assertEquals(List.of(inRestore(src).resolve("nested")), top.toList());
        }
        try (Stream<Path> nested = Files.list(inRestore(src).resolve("nested"))) {
            assertEquals(1, nested.count(), "the dangling link next to a/ is not restored");
        }
        assertThrows(StowageException.class, () -> restore(snapshot, List.of(src + "/nope")));
    }

    @Test
    void restoreRefusesNamesThatWouldEscapeTheTarget() throws IOException {
        BlobId content = save(BlobKind.DATA, "payload".getBytes(StandardCharsets.UTF_8));
        List<Node> nodes = new ArrayList<>();
        for (String name : List.of("..", ".", "a/b", "nul\0x", "ok")) {
            nodes.add(new Node(name, NodeType.FILE, 0644, 0, 7, 1, 1, 0, 0, null, null, List.of(content), null, null,
                    null));
        }
        BlobId root = save(BlobKind.TREE, Json.write(new Tree(nodes)));
        repository.flush();
        Snapshot snapshot = new Snapshot(java.time.Instant.now(), "h", "u", List.of("/x"), Set.of(), null, root,
                null, null);
        Path target = restored.resolve("target");
        RestoreResult result = new Restorer(repository).restore(snapshot, target, List.of(), warnings);
        assertEquals(4, result.failures().size(), "" + result.failures());
        assertEquals(1, result.files());
        assertEquals("payload", Files.readString(target.resolve("ok")));
        try (Stream<Path> all = Files.walk(restored)) {
            assertEquals(List.of(restored, target, target.resolve("ok")), all.sorted().toList());
        }
    }

    @Test
    void failureAfterDataWasSavedCommitsAnIncompleteSnapshotThatTheNextRunReuses() throws IOException {
        Repository failing = new FailingRepository(repository, 3);
        StowageException e = assertThrows(StowageException.class, () -> new Archiver(failing, SourceOpener.FILES, 2)
                .backup(List.of(src), "host", Set.of(), null, warnings));
        assertTrue(e.getMessage().contains("no space left on device") && e.getMessage().contains("incomplete"),
                e.getMessage());
        List<org.stowage.engine.internal.snapshot.SnapshotRecord> all = repository.snapshots();
        assertEquals(1, all.size());
        SnapshotRecord incomplete = all.get(0);
        assertTrue(incomplete.snapshot().incompleteReason().contains("no space left"));
        assertTrue(incomplete.snapshot().stats().blobsAdded() >= 3);
        SnapshotRecord rerun = backup(SourceOpener.FILES, incomplete);
        assertNull(rerun.snapshot().incompleteReason());
        SampleTree.assertSame(src, inRestore(src, restore(rerun, List.of())));
    }

    @Test
    void aFifoIsKeptAsItsKindAndRestored() throws IOException, InterruptedException {
        Path fifo = src.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "0640", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo (coreutils) failed");
        SnapshotRecord snapshot = backup(SourceOpener.FILES, null);
        assertEquals(NodeType.OTHER, find(snapshot, "fifo").type());
        assertEquals(org.stowage.engine.internal.tree.Special.FIFO, find(snapshot, "fifo").special());
        assertEquals(0, snapshot.snapshot().stats().errors());
        RestoreResult result = restore(snapshot, List.of());
        assertEquals(List.of(), result.failures());
        Path restoredFifo = inRestore(src).resolve("fifo");
        assertEquals(010640, Files.getAttribute(restoredFifo, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(), warnings.items());
    }

    // ---- helpers ----

    SnapshotRecord backup(SourceOpener opener, SnapshotRecord parent) {
        return new Archiver(repository, opener, 2).backup(List.of(src), "host", Set.of("test"), parent, warnings);
    }

    RestoreResult restore(SnapshotRecord snapshot, List<String> includes) {
        return new Restorer(repository).restore(snapshot.snapshot(), restored, includes, warnings);
    }

    Path inRestore(Path source) {
        return restored.resolve(source.toString().substring(1));
    }

    Path inRestore(Path source, RestoreResult result) {
        assertEquals(List.of(), result.failures());
        return inRestore(source);
    }

    Tree tree(BlobId id) throws IOException {
        return Json.read(repository.loadBlob(BlobKind.TREE, id), Tree.class);
    }

    Node find(SnapshotRecord snapshot, String relative) throws IOException {
        Path full = src.resolve(relative);
        Tree level = tree(snapshot.snapshot().tree());
        Node node = null;
        for (Path name : full) {
            node = level.nodes().stream().filter(n -> n.name().equals(name.toString())).findFirst().orElseThrow();
            if (node.subtree() != null) {
                level = tree(node.subtree());
            }
        }
        return node;
    }

    int chunksOf(String relative, SnapshotRecord snapshot) throws IOException {
        return find(snapshot, relative).content().size();
    }

    BlobId save(BlobKind kind, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        BlobId id = repository.blobId(buffer);
        repository.saveBlob(kind, id, buffer);
        return id;
    }

    /** Collects warnings; checks progress reports are well formed. */
    /**
     * Records warnings and progress reports. Reports arrive on the operation's threads (a timer's among them), where
     * an assertion would vanish, so they are only recorded here and checked by the test's thread.
     */
    static final class Warnings implements ProgressListener {
        private final List<String> items = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, String> messages = new ConcurrentHashMap<>();
        private final List<Progress> reports = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void progress(Progress progress) {
            reports.add(progress);
        }

        /** The reports of {@code phase} so far, in the order they arrived. */
        List<Progress> reports(String phase) {
            synchronized (reports) {
                return reports.stream().filter(p -> p.phase().equals(phase)).toList();
            }
        }

        @Override
        public void warning(String item, String message) {
            items.add(item);
            messages.put(item, message);
        }

        List<String> items() {
            return List.copyOf(items);
        }

        /** The last warning about {@code item}, or null. */
        String message(String item) {
            return messages.get(item);
        }
    }
}
