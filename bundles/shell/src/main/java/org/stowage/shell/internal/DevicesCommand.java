package org.stowage.shell.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.device.Device;
import org.stowage.api.repository.RepositoryService;

/** Lists every registered device with its state, traffic, space and share of the repository. */
@Service
@Command(scope = "stowage", name = "devices", description = "Lists the storage devices with state, traffic, space and "
        + "the bytes of the repository's packs each holds.")
public class DevicesCommand extends StowageAction {

    @Argument(index = 0, name = "id", description = "Show only this device")
    @Completion(DeviceIdCompleter.class)
    String id;

    @Option(name = "--json", description = "Print JSON for scripts (bytes and bytes per second as numbers)")
    boolean json;

    @Reference(optional = true)
    List<Device> devices;

    @Reference(optional = true)
    RepositoryService repository;

    @Override
    void run() throws Exception {
        Map<String, Long> shares = repository == null ? Map.of() : repository.bytesByDevice();
        List<DeviceRow> rows = (devices == null ? List.<Device>of() : devices).stream()
                .map(d -> DeviceRow.of(d, shares.getOrDefault(d.descriptor().id(), shares.isEmpty() ? -1L : 0L)))
                .filter(r -> id == null || r.id().equals(id)).sorted(Comparator.comparing(DeviceRow::id)).toList();
        if (id != null && rows.isEmpty()) {
            throw new CommandException("No device '" + id + "'; run stowage:devices to list them");
        }
        if (json) {
            Json.print(out, rows);
            return;
        }
        ShellTable table = new ShellTable().emptyTableText("(no devices: install a driver and configure "
                + "etc/org.stowage.device.<family>-<name>.cfg)");
        for (String column : List.of("ID", "Family", "Kind", "Access", "State")) {
            table.column(column);
        }
        table.column("MiB/s").alignRight();
        table.column("Used").alignRight();
        table.column("Free").alignRight();
        table.column("Repository").alignRight();
        for (DeviceRow r : rows) {
            table.addRow().addContent(r.id(), r.family(), r.kind(), r.access(),
                    r.state() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")"),
                    Bytes.mibPerSecond(r.trafficBytesPerSecond()), Bytes.format(r.usedBytes()),
                    Bytes.format(r.freeBytes()), r.repositoryBytes() < 0 ? "-" : Bytes.format(r.repositoryBytes()));
        }
        table.print(out);
    }
}
