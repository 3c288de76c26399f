package org.stowage.engine.internal.facade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.FoundEntry;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.RepositoryStats;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.SnapshotDiff;
import org.stowage.api.repository.SnapshotDiff.Kind;
import org.stowage.api.repository.SnapshotFile;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotNotFoundException;
import org.stowage.api.repository.StowageException;
import org.stowage.api.repository.TagChange;
import org.stowage.engine.internal.testing.MemoryRepository;
import org.stowage.engine.internal.testing.SampleTree;

/** diff, find, dump, stats and tag through {@link EngineSnapshotService}, on real files backed up for real. */
class SnapshotBrowsingTest {

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

    private SnapshotInfo backup(Set<String> tags) {
        return backups.backup(new BackupRequest(List.of(src), "h", tags, null), null);
    }

    @Test
    void diffTellsAddedRemovedModifiedAndMetadataOnlyChanges() throws IOException {
        SnapshotInfo before = backup(Set.of());
        Files.writeString(src.resolve("small.txt"), "HELLO\n"); // same size, other content
        Files.writeString(src.resolve("new.txt"), "new");
        Files.delete(src.resolve("script.sh"));
        Files.delete(src.resolve("emptydir"));
        Files.createDirectories(src.resolve("added/inner"));
        SampleTree.mode(src.resolve("nested/a/sibling.txt"), 0600);
        SnapshotInfo after = backup(Set.of());

        SnapshotDiff diff = snapshots.diff(before.shortId(), after.id());
        Map<String, Kind> kinds = new TreeMap<>(diff.changes().stream().collect(Collectors.toMap(
                c -> c.path().substring(src.toString().length()), SnapshotDiff.Change::kind)));
        assertEquals(new TreeMap<>(Map.of("", Kind.METADATA, "/small.txt", Kind.MODIFIED, "/new.txt", Kind.ADDED,
                "/script.sh", Kind.REMOVED, "/emptydir", Kind.REMOVED, "/added", Kind.ADDED, "/added/inner",
                Kind.ADDED, "/nested/a/sibling.txt", Kind.METADATA)), kinds,
                "nested/a is unchanged (only a child's mode changed) and nested/a/b is skipped by its tree id");
        assertEquals(before.id(), diff.from());
        assertEquals(3, diff.count(Kind.ADDED));
        SnapshotDiff.Change small = diff.changes().stream().filter(c -> c.path().endsWith("/small.txt"))
                .findFirst().orElseThrow();
        assertEquals(NodeInfo.Type.FILE, small.type());
        assertEquals(6, small.before());
        assertEquals(List.of(), snapshots.diff(after.id(), "latest").changes());
        SnapshotDiff back = snapshots.diff(after.id(), before.id());
        assertEquals(Kind.REMOVED, back.changes().stream().filter(c -> c.path().endsWith("/new.txt"))
                .findFirst().orElseThrow().kind());
        assertThrows(SnapshotNotFoundException.class, () -> snapshots.diff("zz", "latest"));
    }

    @Test
    void findMatchesSelectionPatternsAcrossSnapshots() throws IOException {
        SnapshotInfo first = backup(Set.of());
        Files.writeString(src.resolve("nested/late.txt"), "late");
        SnapshotInfo second = backup(Set.of());

        List<FoundEntry> txt = snapshots.find("*.txt", List.of());
        assertEquals(4 + 5, txt.size(), "4 .txt files in the first snapshot, 5 in the second");
        assertEquals(first.id(), txt.get(0).snapshot());
        assertEquals(List.of(src + "/nested/late.txt"), snapshots.find("late.txt", List.of()).stream()
                .map(f -> f.node().path()).toList());
        assertEquals(List.of(), snapshots.find("late.txt", List.of(first.shortId())));
        List<FoundEntry> anchored = snapshots.find(src + "/nested/**", List.of(second.id()));
        assertEquals(Set.of("/a", "/a/b", "/a/b/deep.txt", "/a/sibling.txt", "/dangling", "/late.txt"),
                anchored.stream().map(f -> f.node().path().substring((src + "/nested").length()))
                        .collect(Collectors.toSet()));
        assertEquals(List.of(src + "/nested/a"), snapshots.find("a/", List.of(second.id())).stream()
                .map(f -> f.node().path()).toList(), "a trailing / finds folders only");
        assertThrows(IllegalArgumentException.class, () -> snapshots.find("!x", List.of()));
        assertThrows(IllegalArgumentException.class, () -> snapshots.find("[a", List.of()));
    }

    @Test
    void dumpWritesAFilesBytesAndAFolderAsTar() throws IOException {
        backup(Set.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NodeInfo big = snapshots.dump("latest", src + "/big.bin", bytes);
        assertArrayEquals(Files.readAllBytes(src.resolve("big.bin")), bytes.toByteArray());
        assertEquals(1_500_000, big.size());

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        snapshots.dump("latest", src.toString(), tar);
        Map<String, TarArchiveEntry> entries = new TreeMap<>();
        Map<String, byte[]> contents = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), e);
                contents.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(Set.of("src/", "src/big.bin", "src/empty.txt", "src/emptydir/", "src/link", "src/nested/",
                "src/nested/a/", "src/nested/a/b/", "src/nested/a/b/deep.txt", "src/nested/a/sibling.txt",
                "src/nested/dangling", "src/script.sh", "src/small.txt"), entries.keySet());
        assertArrayEquals(Files.readAllBytes(src.resolve("nested/a/b/deep.txt")),
                contents.get("src/nested/a/b/deep.txt"));
        assertEquals("small.txt", entries.get("src/link").getLinkName());
        assertTrue(entries.get("src/link").isSymbolicLink());
        assertEquals(0755, entries.get("src/script.sh").getMode() & 07777);
        assertEquals(Files.getLastModifiedTime(src.resolve("small.txt")).toMillis(),
                entries.get("src/small.txt").getModTime().getTime());

        StowageException link = assertThrows(StowageException.class,
                () -> snapshots.dump("latest", src + "/link", new ByteArrayOutputStream()));
        assertTrue(link.getMessage().contains("not a file or folder"), link.getMessage());
        assertThrows(StowageException.class, () -> snapshots.dump("latest", src + "/nope", bytes));
        assertThrows(StowageException.class, () -> snapshots.dump("latest", "/", bytes));
    }

    @Test
    void openReadsAFileAtAnyPositionAcrossItsChunks() throws IOException {
        backup(Set.of());
        byte[] expected = Files.readAllBytes(src.resolve("big.bin"));
        try (SeekableByteChannel channel = snapshots.open("latest", src + "/big.bin")) {
            assertEquals(expected.length, channel.size());
            Random random = new Random(7);
            for (int i = 0; i < 200; i++) { // 1.5 MB in 16-256 KiB chunks: most reads cross a chunk boundary or two
                int offset = random.nextInt(expected.length);
                ByteBuffer read = ByteBuffer.allocate(1 + random.nextInt(300_000));
                channel.position(offset);
                int n = readFully(channel, read);
                assertEquals(Math.min(read.capacity(), expected.length - offset), n, "bytes read at " + offset);
                assertArrayEquals(Arrays.copyOfRange(expected, offset, offset + n), Arrays.copyOf(read.array(), n),
                        "bytes at " + offset);
                assertEquals(offset + n, channel.position());
            }
            channel.position(expected.length);
            assertEquals(-1, channel.read(ByteBuffer.allocate(1)), "end of file");
            channel.position(0);
            ByteBuffer whole = ByteBuffer.allocate(expected.length);
            readFully(channel, whole);
            assertArrayEquals(expected, whole.array());
            assertThrows(NonWritableChannelException.class, () -> channel.write(ByteBuffer.allocate(1)));
            channel.close();
            assertThrows(ClosedChannelException.class, () -> channel.read(ByteBuffer.allocate(1)));
        }
        try (SeekableByteChannel empty = snapshots.open("latest", src + "/empty.txt")) {
            assertEquals(0, empty.size());
            assertEquals(-1, empty.read(ByteBuffer.allocate(8)));
        }
        StowageException folder = assertThrows(StowageException.class, () -> snapshots.open("latest", src + "/nested"));
        assertTrue(folder.getMessage().contains("not a file"), folder.getMessage());
        assertThrows(StowageException.class, () -> snapshots.open("latest", src + "/missing.txt"));
        assertThrows(SnapshotNotFoundException.class, () -> snapshots.open("zz", src + "/big.bin"));
    }

    @Test
    void positionalReadsFromSeveralThreadsAtOnceReturnTheFilesBytes() throws Exception {
        backup(Set.of());
        byte[] expected = Files.readAllBytes(src.resolve("big.bin"));
        try (SnapshotFile file = snapshots.open("latest", src + "/big.bin")) {
            List<Callable<Void>> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Random random = new Random(t);
                readers.add(() -> {
                    for (int i = 0; i < 100; i++) { // 128 KiB reads, as a kernel's read-ahead sends them
                        int offset = random.nextInt(expected.length);
                        ByteBuffer read = ByteBuffer.allocate(128 << 10);
                        int n = 0;
                        while (read.hasRemaining()) {
                            int got = file.read(read, offset + n);
                            if (got < 0) {
                                break;
                            }
                            n += got;
                        }
                        assertArrayEquals(Arrays.copyOfRange(expected, offset, offset + n),
                                Arrays.copyOf(read.array(), n), "bytes at " + offset);
                    }
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (Future<Void> done : pool.invokeAll(readers)) {
                    done.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, file.position(), "positional reads leave the channel's position alone");
            assertEquals(-1, file.read(ByteBuffer.allocate(1), expected.length));
        }
    }

    private static int readFully(SeekableByteChannel channel, ByteBuffer into) throws IOException {
        int total = 0;
        while (into.hasRemaining()) {
            int n = channel.read(into);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Test
    void statsCountRestoreSizeAndDistinctData() {
        SnapshotInfo first = backup(Set.of());
        RepositoryStats one = snapshots.stats(List.of(first.id()));
        long fileBytes = 0 + 6 + 1_500_000 + 18 + 70_000 + 7;
        assertEquals(1, one.snapshots());
        assertEquals(8, one.files(), "6 files and 2 symbolic links");
        assertEquals(4 + src.getNameCount(), one.dirs(), "4 below src, src and the folders above it");
        assertEquals(fileBytes, one.restoreBytes());
        assertTrue(one.rawBytes() > fileBytes, "data blobs plus the trees");
        assertTrue(one.storedBytes() > 0);

        backup(Set.of());
        RepositoryStats both = snapshots.stats(List.of());
        assertEquals(2, both.snapshots());
        assertEquals(2 * fileBytes, both.restoreBytes());
        assertEquals(16, both.files());
        assertEquals(one.rawBytes(), both.rawBytes(), "the second snapshot adds nothing");
        assertEquals(one.blobs(), both.blobs());
        assertEquals(2 * one.dedupRatio(), both.dedupRatio(), 1e-9);
    }

    @Test
    void tagRewritesTheManifestAndTheSnapshotStillRestores() throws IOException {
        SnapshotInfo original = backup(Set.of("daily"));
        SnapshotInfo other = backup(Set.of());

        SnapshotInfo added = snapshots.tag(List.of(original.shortId()), new TagChange(null, Set.of("keep"), null))
                .get(0);
        assertEquals(Set.of("daily", "keep"), added.tags());
        assertNotEquals(original.id(), added.id());
        assertEquals(original.time(), added.time());
        assertEquals(original.stats(), added.stats());
        assertThrows(SnapshotNotFoundException.class, () -> snapshots.snapshot(original.id()), "old id gone");

        SnapshotInfo removed = snapshots.tag(List.of(added.id()), new TagChange(null, null, Set.of("daily")))
                .get(0);
        assertEquals(Set.of("keep"), removed.tags());
        List<SnapshotInfo> set = snapshots.tag(List.of(removed.id(), other.id(), removed.id()),
                new TagChange(Set.of("monthly"), null, null));
        assertEquals(2, set.size(), "a snapshot named twice is changed once");
        assertEquals(Set.of("monthly"), set.get(0).tags());
        assertEquals(2, snapshots.snapshots().size());

        SnapshotInfo unchanged = snapshots.tag(List.of(set.get(0).id()), new TagChange(null, Set.of("monthly"),
                null)).get(0);
        assertEquals(set.get(0).id(), unchanged.id(), "no change, no new manifest");
        assertThrows(SnapshotNotFoundException.class, () -> snapshots.tag(List.of(unchanged.id(), "zz"),
                new TagChange(null, Set.of("x"), null)));
        assertEquals(unchanged, snapshots.snapshot(unchanged.id()), "nothing changed by a failed tag");

        new EngineRestoreService(() -> repository).restore(new RestoreRequest(unchanged.id(), restored, List.of()),
                null);
        SampleTree.assertSame(src, restored.resolve(src.toString().substring(1)));
        assertEquals(0, repository.leasesHeld());
        assertThrows(IllegalArgumentException.class, () -> new TagChange(null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new TagChange(Set.of("a,b"), null, null));
    }
}
