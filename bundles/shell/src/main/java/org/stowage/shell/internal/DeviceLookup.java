package org.stowage.shell.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.support.CommandException;
import org.stowage.api.device.BusyControl;
import org.stowage.api.device.Device;

/** Finds a device among the registered {@link Device} services by id, for the commands that act on one device. */
final class DeviceLookup {

    private DeviceLookup() {
    }

    /**
     * The device with {@code id}.
     *
     * @throws CommandException listing the known ids when there is none
     */
    static Device find(List<Device> devices, String id) throws CommandException {
        List<Device> all = devices == null ? List.of() : devices;
        for (Device device : all) {
            if (device.descriptor().id().equals(id)) {
                return device;
            }
        }
        String known = all.stream().map(d -> d.descriptor().id()).sorted().collect(Collectors.joining(", "));
        throw new CommandException("No device '" + id + "'; " + (known.isEmpty()
                ? "no devices are registered: install a driver and configure etc/org.stowage.device.<family>-<name>.cfg"
                : "known devices: " + known));
    }

    /**
     * The device's {@link BusyControl}. Drivers publish it on the same service object as the {@link Device}
     * (component services {@code {Device, BusyControl}}), so the device object itself implements it.
     *
     * @throws CommandException naming the device when its driver offers no busy control
     */
    static BusyControl busyControl(Device device) throws CommandException {
        if (device instanceof BusyControl control) {
            return control;
        }
        throw new CommandException("Device '" + device.descriptor().id() + "' (family "
                + device.descriptor().family() + ") does not offer busy control: its driver does not implement "
                + BusyControl.class.getName() + ". Its state follows the device's own condition only.");
    }

    /** One line for the state after a change: {@code Device 'nas' is BUSY (nightly sync until ...)}. */
    static String stateLine(Device device) {
        DeviceRow row = DeviceRow.of(device);
        return "Device '" + row.id() + "' is " + row.state()
                + (row.reason().isEmpty() ? "" : " (" + row.reason() + ")");
    }
}
