package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.FoundEntry;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.RepositoryStats;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.SnapshotDiff;
import org.stowage.api.repository.SnapshotDiff.Change;
import org.stowage.api.repository.SnapshotDiff.Kind;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.StowageException;
import org.stowage.api.repository.TagChange;

/** diff, find, dump, stats, tag and the new restore options: parsing and output over stand-in facades. */
class EverydayCommandsTest {

    private static final NodeInfo FILE = new NodeInfo("/srv/a.txt", NodeInfo.Type.FILE, 5, 0644,
            Instant.parse("2025-03-01T01:00:00Z"), null);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void diffPrintsOneMarkedLinePerChangeAndTheCounts() throws Exception {
        DiffCommand command = with(new DiffCommand());
        command.from = "ab";
        command.to = "latest";
        command.snapshotService = new StubSnapshots() {
            @Override
            public SnapshotDiff diff(String from, String to) {
                return new SnapshotDiff("a".repeat(64), "b".repeat(64), List.of(
                        new Change("/srv", Kind.METADATA, NodeInfo.Type.DIR, 0, 0),
                        new Change("/srv/new", Kind.ADDED, NodeInfo.Type.FILE, 0, 3),
                        new Change("/srv/old", Kind.REMOVED, NodeInfo.Type.FILE, 4, 0),
                        new Change("/srv/x", Kind.MODIFIED, NodeInfo.Type.FILE, 4, 4)));
            }
        };
        command.execute();
        assertEquals(List.of("U    /srv/", "+    /srv/new", "-    /srv/old", "M    /srv/x",
                "Snapshot aaaaaaaa -> bbbbbbbb: 1 added, 1 removed, 1 modified, 1 metadata only"), lines());
        command.json = true;
        bytes.reset();
        command.execute();
        assertTrue(text().contains("\"kind\" : \"ADDED\""), text());
    }

    @Test
    void findPassesPatternAndSnapshotsAndRefusesABadPatternCleanly() throws Exception {
        FindCommand command = with(new FindCommand());
        command.pattern = "*.txt";
        command.snapshots = List.of("ab");
        List<Object> asked = new ArrayList<>();
        command.snapshotService = new StubSnapshots() {
            @Override
            public List<FoundEntry> find(String pattern, List<String> snapshots) {
                asked.addAll(List.of(pattern, snapshots));
                if (pattern.startsWith("[")) {
                    throw new IllegalArgumentException("exclude pattern '[a' is not valid");
                }
                return List.of(new FoundEntry("c".repeat(64), FILE.mtime(), FILE));
            }
        };
        command.execute();
        assertEquals(List.of("*.txt", List.of("ab")), asked);
        assertTrue(text().contains("cccccccc") && text().contains("/srv/a.txt"), text());
        command.pattern = "[a";
        CommandException e = assertThrows(CommandException.class, command::execute);
        assertTrue(e.getMessage().contains("'[a'"), e.getMessage());
    }

    @Test
    void dumpWritesAFileOnlyWhenCompleteAndNeedsToForAFolder() throws Exception {
        DumpCommand command = with(new DumpCommand());
        command.snapshot = "latest";
        command.path = "/srv/a.txt";
        command.snapshotService = new StubSnapshots() {
            @Override
            public List<NodeInfo> list(String snapshot, String path, boolean recursive) {
                return List.of(FILE); // the folder /srv holds a.txt: its listing has no entry at /srv itself
            }

            @Override
            public NodeInfo dump(String snapshot, String path, OutputStream stream) {
                try {
                    stream.write("hello".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (path.equals("/srv/broken")) {
                    throw new StowageException("blob 1234 failed verification");
                }
                return FILE;
            }
        };
        command.execute();
        assertEquals("hello", text(), "to the console");

        command.to = dir.resolve("a.txt").toString();
        command.execute();
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("a.txt")));
        assertThrows(CommandException.class, command::execute, "an existing file is not overwritten");

        command.to = dir.resolve("broken").toString();
        command.path = "/srv/broken";
        assertThrows(CommandException.class, command::execute);
        assertFalse(Files.exists(dir.resolve("broken")));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file left");
        }

        command.to = null;
        command.path = "/srv";
        CommandException folder = assertThrows(CommandException.class, command::execute);
        assertTrue(folder.getMessage().contains("--to"), folder.getMessage());
    }

    @Test
    void statsShowsTheChosenModeAndJsonHasBoth() throws Exception {
        StatsCommand command = with(new StatsCommand());
        command.snapshotService = new StubSnapshots() {
            @Override
            public RepositoryStats stats(List<String> snapshots) {
                return new RepositoryStats(2, 10, 4, 4L << 20, 3, 1L << 20, 1L << 19);
            }
        };
        command.execute();
        assertTrue(text().contains("Files:           10") && text().contains("Restore size:    4.0 MiB"), text());
        bytes.reset();
        command.mode = "raw-data";
        command.execute();
        assertTrue(text().contains("Dedup ratio:     4.00x") && text().contains("Blobs:           3"), text());
        bytes.reset();
        command.json = true;
        command.execute();
        assertTrue(text().contains("\"dedupRatio\" : 4.0") && text().contains("\"restoreBytes\""), text());
        command.mode = "everything";
        assertThrows(CommandException.class, command::execute);
    }

    @Test
    void tagBuildsTheChangeAndRefusesNone() throws Exception {
        TagCommand command = with(new TagCommand());
        command.snapshots = List.of("ab", "latest");
        command.add = List.of("keep");
        command.remove = List.of("daily");
        List<TagChange> asked = new ArrayList<>();
        command.snapshotService = new StubSnapshots() {
            @Override
            public List<SnapshotInfo> tag(List<String> snapshots, TagChange change) {
                asked.add(change);
                return List.of(Fakes.snapshot("dd", null));
            }
        };
        command.execute();
        assertEquals(List.of(new TagChange(null, Set.of("keep"), Set.of("daily"))), asked);
        assertTrue(text().contains("dd000000"), text());
        TagCommand none = with(new TagCommand());
        none.snapshots = List.of("ab");
        none.snapshotService = command.snapshotService;
        CommandException e = assertThrows(CommandException.class, none::execute);
        assertTrue(e.getMessage().contains("--add, --remove or --set"), e.getMessage());
    }

    @Test
    void restorePassesExcludesOverwriteAndVerifyAndReportsThem() throws Exception {
        RestoreCommand command = with(new RestoreCommand());
        command.snapshot = "latest";
        command.target = "/tmp/restore-here";
        command.excludes = List.of("*.log");
        command.overwrite = "if-changed";
        command.verify = true;
        List<RestoreRequest> asked = new ArrayList<>();
        command.restoreService = (request, listener) -> {
            asked.add(request);
            return new RestoreResult(5, 2, 0, 1024, List.of(), Duration.ofSeconds(2), 3, 5);
        };
        command.execute();
        assertEquals(List.of("*.log"), asked.get(0).excludes());
        assertEquals(RestoreRequest.Overwrite.IF_CHANGED, asked.get(0).overwrite());
        assertTrue(asked.get(0).verify());
        assertTrue(text().contains("3 left as the target had them; 5 files verified"), text());
        command.overwrite = "sometimes";
        assertThrows(CommandException.class, command::execute);
    }

    private <T extends StowageAction> T with(T command) {
        command.out = out;
        return command;
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return List.of(text().split("\n"));
    }
}
