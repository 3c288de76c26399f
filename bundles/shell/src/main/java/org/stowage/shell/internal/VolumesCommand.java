package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.volume.VolumeInfo;
import org.stowage.api.volume.VolumeService;

/** Lists the configured volumes, their exports and how much is not backed up yet. */
@Service
@Command(scope = "stowage", name = "volumes", description = "Lists the configured volumes: path, size, block size,"
        + " NBD export, latest snapshot and dirty blocks.")
public class VolumesCommand extends StowageAction {

    @Option(name = "--json", description = "Print JSON for scripts")
    boolean json;

    @Reference(optional = true)
    VolumeService volumeService;

    @Override
    void run() throws Exception {
        List<VolumeInfo> volumes = require(volumeService, VolumeService.class).volumes();
        if (json) {
            Json.print(out, volumes);
            return;
        }
        ShellTable table = new ShellTable().emptyTableText("(no volumes: add etc/org.stowage.volume-<name>.cfg)");
        table.column("Name");
        table.column("Path").maxSize(40).wrap();
        table.column("Size").alignRight();
        table.column("Block").alignRight();
        table.column("Export");
        table.column("Latest");
        table.column("Dirty").alignRight();
        for (VolumeInfo v : volumes) {
            table.addRow().addContent(v.name(), v.path(), v.size() < 0 ? "unreadable" : Bytes.format(v.size()),
                    Bytes.format(v.blockSize()), v.export() == null ? "-" : "nbd://" + v.export(),
                    v.latestSnapshot() == null ? "-" : v.latestSnapshot().substring(0, 8),
                    v.dirtyBlocks() < 0 ? "not tracked" : Long.toString(v.dirtyBlocks()));
        }
        table.print(out);
    }
}
