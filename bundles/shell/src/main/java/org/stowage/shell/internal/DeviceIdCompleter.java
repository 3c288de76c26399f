package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.stowage.api.device.Device;

/** Completes the ids of the registered devices. */
@Service
public class DeviceIdCompleter implements Completer {

    @Reference(optional = true)
    List<Device> devices;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        if (devices != null) {
            devices.forEach(d -> strings.getStrings().add(d.descriptor().id()));
        }
        return strings.complete(session, commandLine, candidates);
    }
}
