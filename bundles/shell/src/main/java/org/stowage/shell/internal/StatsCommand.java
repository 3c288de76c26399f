package org.stowage.shell.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.stowage.api.repository.RepositoryStats;
import org.stowage.api.repository.SnapshotService;

/** Sizes of snapshots: what a restore would write (restore-size) or the distinct data they keep (raw-data). */
@Service
@Command(scope = "stowage", name = "stats", description = "Shows the restore size, file counts, distinct data and "
        + "deduplication ratio of the snapshots (all, or the ones named).")
public class StatsCommand extends StowageAction {

    @Argument(index = 0, name = "snapshot", description = "Snapshot id, unique prefix, or 'latest' (repeatable); "
            + "default: all", multiValued = true)
    @Completion(SnapshotIdCompleter.class)
    List<String> snapshots;

    @Option(name = "--mode", description = "restore-size: files and bytes a restore of each writes (default); "
            + "raw-data: distinct blobs, their bytes before and after compression, and the dedup ratio")
    @Completion(value = StringsCompleter.class, values = {"restore-size", "raw-data"})
    String mode = "restore-size";

    @Option(name = "--json", description = "Print JSON for scripts (every figure of both modes)")
    boolean json;

    @Reference(optional = true)
    SnapshotService snapshotService;

    @Override
    void run() throws Exception {
        if (!mode.equals("restore-size") && !mode.equals("raw-data")) {
            throw new CommandException("--mode " + mode + " is not known: use restore-size or raw-data");
        }
        RepositoryStats stats = require(snapshotService, SnapshotService.class).stats(snapshots);
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>(Json.MAPPER.convertValue(stats, Map.class));
            all.put("dedupRatio", stats.dedupRatio());
            Json.print(out, all);
            return;
        }
        out.println("Snapshots:       " + stats.snapshots());
        if (mode.equals("restore-size")) {
            out.println("Files:           " + stats.files());
            out.println("Directories:     " + stats.dirs());
            out.println("Restore size:    " + Bytes.format(stats.restoreBytes()));
        } else {
            out.println("Blobs:           " + stats.blobs());
            out.println("Raw data:        " + Bytes.format(stats.rawBytes()));
            out.println("Stored:          " + Bytes.format(stats.storedBytes()));
            out.println(String.format("Dedup ratio:     %.2fx (restore size %s)", stats.dedupRatio(),
                    Bytes.format(stats.restoreBytes())));
        }
    }
}
