package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.api.repository.RestoreService;

/** Restores a snapshot into a directory; fails, after listing them, if any item could not be restored. */
@Service
@Command(scope = "stowage", name = "restore", description = "Restores a snapshot (or parts of it) into a directory.")
public class RestoreCommand extends StowageAction {

    @Argument(index = 0, name = "snapshot", description = "Snapshot id, unique prefix, or 'latest'", required = true)
    @Completion(SnapshotIdCompleter.class)
    String snapshot;

    @Argument(index = 1, name = "target", description = "Directory to restore into; created if missing",
            required = true)
    String target;

    @Option(name = "--include", aliases = "-i", description = "Path inside the snapshot to restore (repeatable); "
            + "default: everything", multiValued = true)
    List<String> includes;

    @Option(name = "--exclude", aliases = "-e", description = "Pattern of entries not to restore (repeatable; the "
            + "backup --exclude syntax, matched against the path inside the snapshot, last match decides)",
            multiValued = true)
    List<String> excludes;

    @Option(name = "--overwrite", description = "Where the target already has an entry: always (replace it, the "
            + "default), if-changed (replace unless a file of the same size and modification time), never (keep it)")
    @Completion(value = StringsCompleter.class, values = {"always", "if-changed", "never"})
    String overwrite = "always";

    @Option(name = "--verify", description = "Read every restored file back and compare it with the snapshot; "
            + "a difference fails the restore")
    boolean verify;

    @Option(name = "--no-sparse", description = "Write every byte of files, all-zero blocks too (by default those "
            + "are left as holes, so sparse files stay sparse)")
    boolean noSparse;

    @Reference(optional = true)
    RestoreService restoreService;

    @Reference
    Session session;

    @Override
    void run() throws Exception {
        RestoreService restore = require(restoreService, RestoreService.class);
        RestoreRequest request = new RestoreRequest(snapshot, Consoles.absolute(session, target), includes, excludes,
                overwrite(), verify, !noSparse);
        ProgressPrinter progress = Consoles.progress(session, out);
        RestoreResult result;
        try {
            result = restore.restore(request, progress);
        } finally {
            progress.finish();
        }
        out.println("Restored " + result.files() + " files, " + result.dirs() + " directories, " + result.symlinks()
                + " symlinks, " + Bytes.format(result.bytes()) + " into " + request.target() + " in "
                + Durations.format(result.duration()) + (result.skipped() == 0 ? "" : "; " + result.skipped()
                + " left as the target had them") + (verify ? "; " + result.verified() + " files verified" : ""));
        progress.printWarnings(out, "Warnings");
        if (!result.isComplete()) {
            out.println("Not restored (" + result.failures().size() + "):");
            result.failures().forEach(f -> out.println("  " + f));
            throw new CommandException("Restore of snapshot " + snapshot + " into " + request.target()
                    + " is INCOMPLETE: " + result.failures().size() + " items were not restored (listed above); "
                    + "fix their cause and restore them again with --include");
        }
    }

    private RestoreRequest.Overwrite overwrite() throws CommandException {
        return switch (overwrite) {
            case "always" -> RestoreRequest.Overwrite.ALWAYS;
            case "if-changed" -> RestoreRequest.Overwrite.IF_CHANGED;
            case "never" -> RestoreRequest.Overwrite.NEVER;
            default -> throw new CommandException("--overwrite " + overwrite + " is not known: use always, "
                    + "if-changed or never");
        };
    }
}
