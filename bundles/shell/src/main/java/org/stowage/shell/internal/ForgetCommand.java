package org.stowage.shell.internal;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.PruneResult;
import org.stowage.api.repository.RetentionPolicy;
import org.stowage.api.repository.RetentionService;

/** Removes snapshots a retention policy does not keep, and optionally prunes their data. */
@Service
@Command(scope = "stowage", name = "forget", description = "Removes the snapshots a retention policy does not keep.")
public class ForgetCommand extends StowageAction {

    @Argument(index = 0, name = "policy", description = "e.g. last=7,daily=14,weekly=8 (keys: last, hourly, daily, "
            + "weekly, monthly, yearly)", required = true)
    String policy;

    @Option(name = "--prune", description = "Then delete the data no snapshot references any more")
    boolean prune;

    @Option(name = "--dry-run", aliases = "-n", description = "Only show what would be removed")
    boolean dryRun;

    @Option(name = "--tag", aliases = "-t", description = "Only consider snapshots with this tag (repeatable; "
            + "e.g. job:nightly)", multiValued = true)
    List<String> tags;

    @Reference(optional = true)
    RetentionService retentionService;

    @Reference
    Session session;

    @Override
    void run() throws Exception {
        RetentionPolicy parsed;
        try {
            parsed = RetentionPolicy.parse(policy);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
        RetentionService retention = require(retentionService, RetentionService.class);
        ForgetResult result = retention.forget(parsed, tags == null ? Set.of() : Set.copyOf(tags), dryRun);
        String mode = dryRun ? " (dry run: nothing changed)" : "";
        out.println("Keep (" + result.kept().size() + "):");
        Snapshots.table(result.kept()).print(out);
        out.println((dryRun ? "Would remove (" : "Removed (") + result.removed().size() + ")" + mode + ":");
        Snapshots.table(result.removed()).print(out);
        if (prune) {
            ProgressPrinter progress = Consoles.progress(session, out);
            PruneResult pruned;
            try {
                pruned = retention.prune(dryRun, progress);
            } finally {
                progress.finish();
            }
            out.println("Prune" + mode + ": " + pruned.packsDeleted() + " packs deleted, " + pruned.packsRepacked()
                    + " repacked, " + pruned.blobsRemoved() + " blobs removed, " + Bytes.format(pruned.bytesFreed())
                    + " freed in " + Durations.format(pruned.duration()));
        }
    }
}
