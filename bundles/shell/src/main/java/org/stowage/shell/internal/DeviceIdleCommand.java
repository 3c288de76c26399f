package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.device.Device;

/**
 * Ends an operator's busy period. The device may still be BUSY by its own condition (a configured busy window, too
 * many operations in flight); the printed state says which.
 */
@Service
@Command(scope = "stowage", name = "device-idle", description = "Ends a busy period set with stowage:device-busy.")
public class DeviceIdleCommand extends StowageAction {

    @Argument(index = 0, name = "id", required = true, description = "The device id")
    @Completion(DeviceIdCompleter.class)
    String id;

    @Reference(optional = true)
    List<Device> devices;

    @Override
    void run() throws Exception {
        Device device = DeviceLookup.find(devices, id);
        DeviceLookup.busyControl(device).clearBusy();
        out.println(DeviceLookup.stateLine(device));
    }
}
