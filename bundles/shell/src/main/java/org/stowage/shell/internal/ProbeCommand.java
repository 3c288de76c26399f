package org.stowage.shell.internal;

import java.io.IOException;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.stowage.api.device.Device;
import org.stowage.api.device.ProbeResult;

/** Measures a device's transfer path with test data that the device does not keep ({@link Device#probe}). */
@Service
@Command(scope = "stowage", name = "probe", description = "Measures a device's speed with test data that is "
        + "not kept.")
public class ProbeCommand extends DeviceAction {

    /** Large enough to measure, small enough not to disturb a device in use. */
    static final long MAX_BYTES = 1L << 30;

    @Option(name = "--size", description = "Test data to move: bytes, or with k, m, g (default 8m, at most 1g)")
    String size = "8m";

    @Override
    void run() throws Exception {
        Device device = device();
        int bytes = (int) Sizes.parse("--size", size, MAX_BYTES);
        ProbeResult result;
        try {
            result = device.probe(bytes);
        } catch (IOException e) {
            throw new CommandException("Probe of device '" + id + "' failed: " + e.getMessage()
                    + "; check its state with stowage:device " + id, e);
        }
        out.println("Probed device '" + id + "': " + Bytes.format(result.bytes()) + " in "
                + Durations.format(result.elapsed()) + ", " + Bytes.mibPerSecond(result.bytesPerSecond()) + " MiB/s");
        out.println("The test data was not kept on the device.");
    }
}
