package org.stowage.shell.internal;

import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.device.Device;

/** Lists every registered device with its state, traffic and space. */
@Service
@Command(scope = "stowage", name = "devices", description = "Lists the storage devices with state, traffic and space.")
public class DevicesCommand extends StowageAction {

    @Argument(index = 0, name = "id", description = "Show only this device")
    @Completion(DeviceIdCompleter.class)
    String id;

    @Option(name = "--json", description = "Print JSON for scripts (bytes and bytes per second as numbers)")
    boolean json;

    @Reference(optional = true)
    List<Device> devices;

    @Override
    void run() throws Exception {
        List<DeviceRow> rows = (devices == null ? List.<Device>of() : devices).stream().map(DeviceRow::of)
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
        for (DeviceRow r : rows) {
            table.addRow().addContent(r.id(), r.family(), r.kind(), r.access(),
                    r.state() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")"),
                    Bytes.mibPerSecond(r.trafficBytesPerSecond()), Bytes.format(r.usedBytes()),
                    Bytes.format(r.freeBytes()));
        }
        table.print(out);
    }
}
