package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupSelection;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.DryRunResult;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotInfo;

/** stowage:backup's selection options reach the request, and --dry-run prints the listing without a backup. */
class BackupSelectionOptionsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<BackupRequest> backups = new ArrayList<>();
    private final List<BackupRequest> dryRuns = new ArrayList<>();

    private final BackupService service = new BackupService() {
        @Override
        public SnapshotInfo backup(BackupRequest request, ProgressListener listener) {
            backups.add(request);
            return Fakes.snapshot("1234abcd", null);
        }

        @Override
        public DryRunResult dryRun(BackupRequest request, Consumer<NodeInfo> entries, ProgressListener listener) {
            dryRuns.add(request);
            Instant t = Instant.EPOCH;
            entries.accept(new NodeInfo("/srv/data", NodeInfo.Type.DIR, 0, 0755, t, null));
            entries.accept(new NodeInfo("/srv/data/a.txt", NodeInfo.Type.FILE, 2048, 0644, t, null));
            listener.warning("/srv/data/locked", "permission denied");
            return new DryRunResult(1, 1, 0, 2048, 1);
        }
    };

    @Test
    void everySelectionOptionReachesTheRequestAndTheSizeUsesTheProjectsParser() throws Exception {
        BackupCommand command = command("/srv/data");
        command.exclude = List.of("*.tmp", "!keep.tmp");
        command.iexclude = List.of("*.JPG");
        command.excludeFiles = List.of("/etc/stowage/excludes");
        command.excludeCaches = true;
        command.excludeIfPresent = List.of(".nobackup");
        command.excludeLargerThan = "2g";
        command.oneFileSystem = true;
        command.filesFrom = "/etc/stowage/list";

        command.execute();

        assertEquals(new BackupSelection(List.of("*.tmp", "!keep.tmp"), List.of("*.JPG"),
                List.of(Path.of("/etc/stowage/excludes")), true, List.of(".nobackup"), 2L << 30, true,
                Path.of("/etc/stowage/list")), backups.get(0).selection());
        assertEquals(List.of(), dryRuns);
    }

    @Test
    void aBadSizeOrNoPathAtAllIsRefusedNamingTheOption() {
        BackupCommand command = command("/srv/data");
        command.excludeLargerThan = "2 GB";
        CommandException e = assertThrows(CommandException.class, command::execute);
        assertTrue(e.getMessage().startsWith("--exclude-larger-than '2 GB' is not a size"), e.getMessage());

        BackupCommand none = command();
        e = assertThrows(CommandException.class, none::execute);
        assertTrue(e.getMessage().contains("--files-from"), e.getMessage());
        none.filesFrom = "/etc/stowage/list";
        assertEquals(null, assertDoesNotFail(none));
        assertEquals(List.of(), backups.get(0).paths());
    }

    @Test
    void dryRunListsEntriesAndTotalsAndBacksUpNothing() throws Exception {
        BackupCommand command = command("/srv/data");
        command.dryRun = true;
        command.exclude = List.of("*.tmp");

        command.execute();

        assertEquals(List.of(), backups);
        assertEquals(List.of("*.tmp"), dryRuns.get(0).selection().exclude());
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("/srv/data/\n") && text.contains("/srv/data/a.txt  2.0 KiB"), text);
        assertTrue(text.contains("Would back up 1 files (2.0 KiB), 1 folders and 0 other entries; nothing was stored."),
                text);
        assertTrue(text.contains("Unreadable (1):") && text.contains("/srv/data/locked: permission denied"), text);
    }

    private Object assertDoesNotFail(BackupCommand command) {
        try {
            return command.execute();
        } catch (Exception e) {
            throw new AssertionError("the command failed: " + e.getMessage(), e);
        }
    }

    private BackupCommand command(String... paths) {
        BackupCommand command = new BackupCommand();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        command.paths = List.of(paths);
        command.backupService = service;
        return command;
    }
}
