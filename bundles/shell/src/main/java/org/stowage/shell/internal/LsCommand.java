package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.repository.DataPlacement;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.SnapshotService;

/** Lists the entries of a snapshot below a path. */
@Service
@Command(scope = "stowage", name = "ls", description = "Lists files and directories in a snapshot.")
public class LsCommand extends StowageAction {

    @Argument(index = 0, name = "snapshot", description = "Snapshot id, unique prefix, or 'latest'", required = true)
    @Completion(SnapshotIdCompleter.class)
    String snapshot;

    @Argument(index = 1, name = "path", description = "Directory inside the snapshot (default: the root)")
    String path = "/";

    @Option(name = "-r", aliases = "--recursive", description = "List everything below the path")
    boolean recursive;

    @Option(name = "--json", description = "Print JSON for scripts")
    boolean json;

    @Option(name = "--devices", description = "Instead of the entries: on which devices the snapshot's data lies "
            + "(stored bytes on each device, and the share of the snapshot's data that is)")
    boolean devices;

    @Reference(optional = true)
    SnapshotService snapshotService;

    @Override
    void run() throws Exception {
        if (devices) {
            printPlacement(require(snapshotService, SnapshotService.class).placement(snapshot));
            return;
        }
        List<NodeInfo> nodes = require(snapshotService, SnapshotService.class).list(snapshot, path, recursive);
        if (json) {
            Json.print(out, nodes);
            return;
        }
        ShellTable table = new ShellTable().emptyTableText("(empty)");
        table.column("Mode");
        table.column("Size").alignRight();
        table.column("Modified");
        table.column("Path");
        for (NodeInfo n : nodes) {
            table.addRow().addContent(Modes.format(n.type(), n.mode()),
                    n.type() == NodeInfo.Type.FILE || n.type() == NodeInfo.Type.VOLUME ? Bytes.format(n.size()) : "",
                    Times.format(n.mtime()), n.path() + (n.linkTarget() == null ? "" : " -> " + n.linkTarget()));
        }
        table.print(out);
    }

    private void printPlacement(DataPlacement placement) {
        if (json) {
            Json.print(out, placement);
            return;
        }
        ShellTable table = new ShellTable().emptyTableText("(no data)");
        table.column("Device");
        table.column("Stored").alignRight();
        table.column("Share").alignRight();
        placement.onDevice().forEach((device, bytes) -> table.addRow().addContent(device, Bytes.format(bytes),
                placement.storedBytes() == 0 ? "" : String.format("%.1f %%", 100.0 * bytes / placement.storedBytes())));
        out.println("Data of snapshot " + snapshot + ": " + Bytes.format(placement.storedBytes()) + " stored");
        table.print(out);
    }
}
