package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.stowage.api.device.Device;

/**
 * A command about one device named by its id (the first argument). Karaf injects the annotated fields of this
 * superclass into every subclass action.
 */
abstract class DeviceAction extends StowageAction {

    @Argument(index = 0, name = "id", required = true, description = "The device id")
    @Completion(DeviceIdCompleter.class)
    String id;

    @Reference(optional = true)
    List<Device> devices;

    /** The device with {@link #id}; fails with the known ids when there is none. */
    Device device() throws Exception {
        return DeviceLookup.find(devices, id);
    }
}
