package org.stowage.shell.internal;

import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.SnapshotDiff;
import org.stowage.api.repository.SnapshotDiff.Kind;
import org.stowage.api.repository.SnapshotService;

/** Lists what differs between two snapshots, one line per entry, then the counts. */
@Service
@Command(scope = "stowage", name = "diff", description = "Shows what was added, removed, modified or changed in "
        + "metadata only between two snapshots.")
public class DiffCommand extends StowageAction {

    /** The marks of restic's diff: + added, - removed, M modified content or type, U metadata only. */
    private static final Map<Kind, String> MARKS = Map.of(Kind.ADDED, "+", Kind.REMOVED, "-", Kind.MODIFIED, "M",
            Kind.METADATA, "U");

    @Argument(index = 0, name = "from", description = "The older snapshot: id, unique prefix, or 'latest'",
            required = true)
    @Completion(SnapshotIdCompleter.class)
    String from;

    @Argument(index = 1, name = "to", description = "The newer snapshot: id, unique prefix, or 'latest'",
            required = true)
    @Completion(SnapshotIdCompleter.class)
    String to;

    @Option(name = "--json", description = "Print JSON for scripts (full ids, every change with its sizes)")
    boolean json;

    @Reference(optional = true)
    SnapshotService snapshotService;

    @Override
    void run() throws Exception {
        SnapshotDiff diff = require(snapshotService, SnapshotService.class).diff(from, to);
        if (json) {
            Json.print(out, diff);
            return;
        }
        for (SnapshotDiff.Change change : diff.changes()) {
            out.println(MARKS.get(change.kind()) + "    " + change.path()
                    + (change.type() == NodeInfo.Type.DIR ? "/" : ""));
        }
        out.println("Snapshot " + diff.from().substring(0, 8) + " -> " + diff.to().substring(0, 8) + ": "
                + diff.count(Kind.ADDED) + " added, " + diff.count(Kind.REMOVED) + " removed, "
                + diff.count(Kind.MODIFIED) + " modified, " + diff.count(Kind.METADATA) + " metadata only");
    }
}
