package org.stowage.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.device.Device;

/**
 * Ends an operator's busy period. The device may still be BUSY by its own condition (a configured busy window, too
 * many operations in flight); the printed state says which.
 */
@Service
@Command(scope = "stowage", name = "device-idle", description = "Ends a busy period set with stowage:device-busy.")
public class DeviceIdleCommand extends DeviceAction {

    @Override
    void run() throws Exception {
        Device device = device();
        DeviceLookup.busyControl(device).clearBusy();
        out.println(DeviceLookup.stateLine(device));
    }
}
