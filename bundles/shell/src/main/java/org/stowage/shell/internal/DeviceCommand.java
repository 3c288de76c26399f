package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceDetails;

/** One device in detail: what it is, its status, and the driver's own detail sections (e.g. cartridges). */
@Service
@Command(scope = "stowage", name = "device", description = "Shows one device in detail: descriptor, status and "
        + "the driver's detail tables.")
public class DeviceCommand extends DeviceAction {

    @Override
    void run() throws Exception {
        Device device = device();
        DeviceDescriptor d = device.descriptor();
        DeviceRow s = DeviceRow.of(device);
        ShellTable table = new ShellTable().noHeaders();
        table.column("Property");
        table.column("Value");
        table.addRow().addContent("ID", d.id());
        table.addRow().addContent("Family", d.family());
        table.addRow().addContent("Kind", d.kind().name());
        table.addRow().addContent("Access", d.access().name());
        table.addRow().addContent("Capacity",
                d.capacityBytes() == 0 ? "the medium's size" : Bytes.format(d.capacityBytes()));
        table.addRow().addContent("State", s.state() + (s.reason().isEmpty() ? "" : " (" + s.reason() + ")"));
        table.addRow().addContent("Traffic", Bytes.mibPerSecond(s.trafficBytesPerSecond()) + " MiB/s");
        table.addRow().addContent("Queue depth", s.queueDepth());
        table.addRow().addContent("Used", Bytes.format(s.usedBytes()));
        table.addRow().addContent("Free", Bytes.format(s.freeBytes()));
        table.print(out);
        if (device instanceof DeviceDetails details) {
            printDetails(details);
        }
    }

    private void printDetails(DeviceDetails details) throws CommandException {
        List<DeviceDetails.Section> sections;
        try {
            sections = details.details();
        } catch (RuntimeException e) {
            throw new CommandException("Device '" + id + "': its driver failed to give details: " + e.getMessage()
                    + "; see the Karaf log (log:display) for the driver's errors", e);
        }
        for (DeviceDetails.Section section : sections) {
            out.println();
            out.println(section.title() + ":");
            ShellTable table = new ShellTable().emptyTableText("(none)");
            section.columns().forEach(table::column);
            section.rows().forEach(row -> table.addRow().addContent(row.toArray()));
            table.print(out);
        }
    }
}
