package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotService;

/** Lists the snapshots, oldest first. */
@Service
@Command(scope = "stowage", name = "snapshots", description = "Lists the snapshots in the repository, oldest first.")
public class SnapshotsCommand extends StowageAction {

    @Option(name = "--json", description = "Print JSON for scripts (full ids, ISO-8601 times, all statistics)")
    boolean json;

    @Reference(optional = true)
    SnapshotService snapshotService;

    @Override
    void run() throws Exception {
        List<SnapshotInfo> snapshots = require(snapshotService, SnapshotService.class).snapshots();
        if (json) {
            Json.print(out, snapshots);
        } else {
            Snapshots.table(snapshots).print(out);
        }
    }
}
