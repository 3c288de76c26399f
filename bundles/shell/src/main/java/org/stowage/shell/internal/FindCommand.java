package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.repository.FoundEntry;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.SnapshotService;

/** Finds entries by a selection pattern in every snapshot, or in the named ones. */
@Service
@Command(scope = "stowage", name = "find", description = "Finds files and folders in snapshots by a pattern "
        + "(the --exclude syntax: *.log, /home/*/.cache, **/tmp, build/).")
public class FindCommand extends StowageAction {

    @Argument(index = 0, name = "pattern", description = "gitignore-style pattern matched against each entry's "
            + "path in the snapshot (see docs/selection.md)", required = true)
    String pattern;

    @Option(name = "--snapshot", aliases = "-s", description = "Search only this snapshot (repeatable); "
            + "default: all", multiValued = true)
    @Completion(SnapshotIdCompleter.class)
    List<String> snapshots;

    @Option(name = "--json", description = "Print JSON for scripts (full snapshot ids, ISO-8601 times)")
    boolean json;

    @Reference(optional = true)
    SnapshotService snapshotService;

    @Override
    void run() throws Exception {
        List<FoundEntry> found;
        try {
            found = require(snapshotService, SnapshotService.class).find(pattern, snapshots);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
        if (json) {
            Json.print(out, found);
            return;
        }
        ShellTable table = new ShellTable().emptyTableText("(nothing matches " + pattern + ")");
        table.column("Snapshot");
        table.column("Time");
        table.column("Mode");
        table.column("Size").alignRight();
        table.column("Path");
        for (FoundEntry f : found) {
            NodeInfo n = f.node();
            table.addRow().addContent(f.snapshot().substring(0, 8), Times.format(f.time()),
                    Modes.format(n.type(), n.mode()), n.type() == NodeInfo.Type.FILE || n.type() == NodeInfo.Type.VOLUME ? Bytes.format(n.size()) : "",
                    n.path());
        }
        table.print(out);
    }
}
