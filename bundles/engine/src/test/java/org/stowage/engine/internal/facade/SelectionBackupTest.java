package org.stowage.engine.internal.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupSelection;
import org.stowage.api.repository.DryRunResult;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.PlacementOverride;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.snapshot.SnapshotSelection;
import org.stowage.engine.internal.testing.MemoryRepository;

/**
 * A backup with a selection stores exactly what its dry run lists: patterns, cache tags, tag files, the size limit
 * and a files-from list, on real files; and the snapshot records the selection.
 */
class SelectionBackupTest {

    private static final String SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55";

    @TempDir
    Path sources;

    private final MemoryRepository repository = new MemoryRepository();
    private final EngineBackupService backups = new EngineBackupService(() -> repository);
    private final EngineSnapshotService snapshots = new EngineSnapshotService(() -> repository);
    private Path src;

    @BeforeEach
    void setUp() throws IOException {
        src = sources.resolve("src");
        write("keep.txt", "keep");
        write("a.log", "log");
        write("sub/b.log", "log");
        write("sub/keep.log", "log");
        write("sub/build", "a file named build");
        write("build/out.o", "object");
        write("Photos/IMG.JPG", "jpeg");
        write("big.bin", "x".repeat(10_000));
        write("cache/" + "CACHEDIR.TAG", SIGNATURE + "\n# a cache\n");
        write("cache/data.bin", "cached");
        write("notacache/CACHEDIR.TAG", "Signature: 0000000000000000000000000000000\n");
        write("notacache/data.bin", "kept");
        write("private/.nobackup", "");
        write("private/secret.txt", "secret");
    }

    @Test
    void withoutSelectionEverythingIsStoredAndNothingIsRecorded() {
        assertEquals(all(), backedUp(BackupSelection.EVERYTHING));
        assertEquals(null, repository.snapshots().get(0).snapshot().selection());
    }

    @Test
    void patternsWithNegationAndFoldersOnlyLeaveOutWhatTheyMatch() {
        BackupSelection selection = excluding(List.of("*.log", "!keep.log", "build/"), List.of());
        Set<String> expected = all();
        expected.removeAll(Set.of("a.log", "sub/b.log", "build", "build/out.o"));
        assertEquals(expected, backedUp(selection), "sub/build is a file: 'build/' does not match it");
    }

    @Test
    void anchoredAndCaseInsensitivePatterns() {
        BackupSelection selection = excluding(List.of("/" + src.getFileName() + "/keep.txt", src + "/keep.txt"),
                List.of("*.jpg"));
        Set<String> expected = all();
        expected.removeAll(Set.of("keep.txt", "Photos/IMG.JPG"));
        assertEquals(expected, backedUp(selection), "the first pattern is anchored at '/', where src is not");
    }

    @Test
    void aCacheFolderKeepsOnlyItsTagAndAWrongSignatureIsNotHonoured() {
        BackupSelection selection = new BackupSelection(List.of(), List.of(), List.of(), true, List.of(), 0, false,
                null);
        Set<String> expected = all();
        expected.remove("cache/data.bin");
        assertEquals(expected, backedUp(selection));
    }

    @Test
    void aFolderHoldingATagFileIsLeftOutWhole() {
        BackupSelection selection = new BackupSelection(List.of(), List.of(), List.of(), false, List.of(".nobackup"),
                0, false, null);
        Set<String> expected = all();
        expected.removeAll(Set.of("private", "private/.nobackup", "private/secret.txt"));
        assertEquals(expected, backedUp(selection));
    }

    @Test
    void filesLargerThanTheLimitAreLeftOut() {
        BackupSelection selection = new BackupSelection(List.of(), List.of(), List.of(), false, List.of(), 9_999,
                false, null);
        Set<String> expected = all();
        expected.remove("big.bin");
        assertEquals(expected, backedUp(selection));
        selection = new BackupSelection(List.of(), List.of(), List.of(), false, List.of(), 10_000, false, null);
        assertEquals(all(), backedUp(selection), "a file of exactly the limit is kept");
    }

    @Test
    void excludeFilesComeFirstSkipCommentsAndAreRecordedWithTheirPatterns() throws IOException {
        Path file = Files.writeString(sources.resolve("excludes"), "# logs\n*.log\n\n!keep.log   \r\n");
        BackupSelection selection = new BackupSelection(List.of("keep.log"), List.of(), List.of(file), false,
                List.of(), 0, false, null);
        Set<String> expected = all();
        expected.removeAll(Set.of("a.log", "sub/b.log", "sub/keep.log"));
        assertEquals(expected, backedUp(selection), "--exclude keep.log comes after the file's !keep.log");
        SnapshotSelection recorded = repository.snapshots().get(0).snapshot().selection();
        assertEquals(List.of(new SnapshotSelection.ExcludeFile(file.toString(), List.of("*.log", "!keep.log"))),
                recorded.excludeFiles());
        assertEquals(List.of("keep.log"), recorded.exclude());
    }

    @Test
    void theSnapshotRecordsItsSelection() {
        BackupSelection selection = new BackupSelection(List.of("*.log"), List.of("*.JPG"), List.of(), true,
                List.of(".nobackup"), 1 << 20, true, null);
        backedUp(selection);
        assertEquals(new SnapshotSelection(List.of("*.log"), List.of("*.JPG"), List.of(), true, List.of(".nobackup"),
                1 << 20, true, null), repository.snapshots().get(0).snapshot().selection());
    }

    @Test
    void filesFromAddsTheListedPathsAndNamesTheFileWhenALineIsWrong() throws IOException {
        Path list = Files.writeString(sources.resolve("list"), "# two files\n" + src.resolve("keep.txt") + "\n"
                + src.resolve("sub") + "\n");
        BackupSelection selection = new BackupSelection(List.of(), List.of(), List.of(), false, List.of(), 0, false,
                list);
        SnapshotInfo snapshot = backups.backup(request(List.of(), selection), ProgressListener.NONE);
        assertEquals(List.of(src.resolve("keep.txt").toString(), src.resolve("sub").toString()), snapshot.paths());
        assertEquals(list.toString(), repository.snapshots().get(0).snapshot().selection().filesFrom());

        Files.writeString(list, "relative/path\n");
        StowageException e = assertThrows(StowageException.class,
                () -> backups.backup(request(List.of(), selection), ProgressListener.NONE));
        assertTrue(e.getMessage().contains(list + " line 1") && e.getMessage().contains("absolute"), e.getMessage());
    }

    @Test
    void anUnreadableExcludeFileOrABadPatternFailsNamingIt() {
        Path missing = sources.resolve("no-such-excludes");
        StowageException e = assertThrows(StowageException.class, () -> backups.backup(request(List.of(src),
                new BackupSelection(List.of(), List.of(), List.of(missing), false, List.of(), 0, false, null)), null));
        assertTrue(e.getMessage().contains("exclude file " + missing), e.getMessage());
        e = assertThrows(StowageException.class, () -> backups.backup(request(List.of(src),
                excluding(List.of("[oops"), List.of())), null));
        assertTrue(e.getMessage().contains("'[oops'"), e.getMessage());
        assertEquals(0, repository.blobCount(), "nothing stored before the selection is read");
    }

    @Test
    void aDryRunListsWhatTheBackupWouldStoreAndStoresNothing() {
        List<NodeInfo> listed = new ArrayList<>();
        DryRunResult result = backups.dryRun(request(List.of(src), excluding(List.of("*.bin"), List.of())),
                listed::add, ProgressListener.NONE);
        assertEquals(0, repository.blobCount());
        assertEquals(List.of(), repository.snapshots());
        assertEquals(src.toString(), listed.get(0).path(), "the backed-up path first");
        Set<String> expected = all();
        expected.removeAll(Set.of("big.bin", "cache/data.bin", "notacache/data.bin"));
        assertEquals(expected, relative(listed.subList(1, listed.size())));
        long bytes = listed.stream().filter(n -> n.type() == NodeInfo.Type.FILE).mapToLong(NodeInfo::size).sum();
        assertEquals(bytes, result.bytes());
        assertEquals(listed.stream().filter(n -> n.type() == NodeInfo.Type.DIR).count(), result.dirs());
        assertEquals(expected.size() + 1, result.files() + result.dirs() + result.others());
    }

    /** Backs up {@code src} with the selection; returns what the snapshot holds below src, checked against a dry run. */
    private Set<String> backedUp(BackupSelection selection) {
        BackupRequest request = request(List.of(src), selection);
        List<NodeInfo> listed = new ArrayList<>();
        backups.dryRun(request, listed::add, ProgressListener.NONE);
        SnapshotInfo snapshot = backups.backup(request, ProgressListener.NONE);
        assertEquals(0, snapshot.stats().errors());
        Set<String> stored = relative(snapshots.list(snapshot.id(), src.toString(), true));
        assertEquals(stored, relative(listed.subList(1, listed.size())), "the dry run lists what the backup stores");
        return stored;
    }

    private Set<String> relative(List<NodeInfo> nodes) {
        Set<String> names = new TreeSet<>();
        nodes.forEach(n -> names.add(src.relativize(Path.of(n.path())).toString()));
        return names;
    }

    private Set<String> all() {
        return new TreeSet<>(Set.of("keep.txt", "a.log", "sub", "sub/b.log", "sub/keep.log", "sub/build", "build",
                "build/out.o", "Photos", "Photos/IMG.JPG", "big.bin", "cache", "cache/CACHEDIR.TAG", "cache/data.bin",
                "notacache", "notacache/CACHEDIR.TAG", "notacache/data.bin", "private", "private/.nobackup",
                "private/secret.txt"));
    }

    private static BackupSelection excluding(List<String> exclude, List<String> iexclude) {
        return new BackupSelection(exclude, iexclude, List.of(), false, List.of(), 0, false, null);
    }

    private static BackupRequest request(List<Path> paths, BackupSelection selection) {
        return new BackupRequest(paths, "h", Set.of(), "none", PlacementOverride.REPOSITORY, selection);
    }

    private void write(String relative, String content) throws IOException {
        Path file = src.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
