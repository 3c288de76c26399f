package org.stowage.shell.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.PlacementOverride;
import org.stowage.api.repository.SnapshotInfo;

/**
 * Backs up paths into a new snapshot, with a live progress line and a summary; or with {@code --dry-run} lists what
 * it would back up and its size.
 */
@Service
@Command(scope = "stowage", name = "backup", description = "Backs up files and directories into a new snapshot.")
public class BackupCommand extends SelectionAction {

    @Argument(index = 0, name = "paths", description = "Files or directories to back up (relative to the "
            + "shell's current directory); none when --files-from lists them", multiValued = true)
    List<String> paths;

    @Option(name = "--dry-run", aliases = "-n", description = "List what would be backed up and its size; store "
            + "nothing")
    boolean dryRun;

    @Option(name = "--tag", aliases = "-t", description = "A label for the snapshot (repeatable)", multiValued = true)
    List<String> tags;

    @Option(name = "--parent", description = "Snapshot whose unchanged files are reused; 'none' reads every file; "
            + "default: the latest of the same host and paths")
    @Completion(SnapshotIdCompleter.class)
    String parent;

    @Option(name = "--devices", description = "Only these of the repository's devices (comma-separated ids) receive "
            + "this backup's packs")
    String devices;

    @Option(name = "--selector", description = "The node selector for this backup's packs (see stowage:selectors); "
            + "default: the repository's")
    String selector;

    @Option(name = "--copies", description = "How many devices hold each of this backup's packs; default: the "
            + "repository's number")
    int copies;

    @Option(name = "--replica", description = "A place where the one path is mounted (repeatable, in order of "
            + "preference): read from these replicas, going on from the next when one fails; the snapshot records "
            + "the path", multiValued = true)
    List<String> replicas;

    @Reference(optional = true)
    BackupService backupService;

    @Reference
    Session session;

    private PlacementOverride placement() throws CommandException {
        if (copies < 0) {
            throw new CommandException("--copies must be 1 or more");
        }
        List<String> ids = devices == null ? List.of() : Arrays.stream(devices.split(",")).map(String::trim)
                .filter(id -> !id.isEmpty()).toList();
        return new PlacementOverride(ids, selector, copies);
    }

    @Override
    void run() throws Exception {
        BackupService backup = require(backupService, BackupService.class);
        if ((paths == null || paths.isEmpty()) && filesFrom == null) {
            throw new CommandException("name at least one path to back up, or a file that lists them (--files-from)");
        }
        List<Path> absolute = paths == null ? List.of() : paths.stream().map(p -> Consoles.absolute(session, p))
                .toList();
        List<Path> mounts = replicas == null ? List.of() : replicas.stream()
                .map(p -> Consoles.absolute(session, p)).toList();
        if (!mounts.isEmpty() && (absolute.size() != 1 || dryRun || filesFrom != null)) {
            throw new CommandException("--replica needs exactly one path (the path the snapshot records), and no "
                    + "--dry-run or --files-from");
        }
        BackupRequest request = new BackupRequest(absolute, null, tags == null ? Set.of() : Set.copyOf(tags), parent,
                placement(), selection(session), mounts);
        if (dryRun) {
            DryRunPrinter.print(out, backup, request);
            return;
        }
        ProgressPrinter progress = Consoles.progress(session, out);
        SnapshotInfo snapshot;
        try {
            snapshot = backup.backup(request, progress);
        } finally {
            progress.finish();
        }
        Snapshots.printSummary(out, snapshot);
        progress.printWarnings(out, "Skipped");
    }
}
