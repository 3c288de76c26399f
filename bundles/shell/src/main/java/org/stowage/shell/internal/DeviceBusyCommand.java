package org.stowage.shell.internal;

import java.time.Clock;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.device.Device;

/** Marks a device busy, so that data meant for it is staged instead of written (e.g. a NAS in its own backup). */
@Service
@Command(scope = "stowage", name = "device-busy", description = "Marks a device BUSY until a time, for a "
        + "while, or until stowage:device-idle.")
public class DeviceBusyCommand extends DeviceAction {

    @Option(name = "--until", description = "End of the busy period: ISO instant (2026-03-01T06:00:00Z), time of "
            + "day (06:00, 06:00 tomorrow) or duration (2h, 90m). Without it: until stowage:device-idle.")
    String until;

    @Option(name = "--reason", description = "Why, shown with the state (default: set busy by the operator)")
    String reason;

    /** Now and the zone for --until; replaced in tests. */
    Clock clock = Clock.systemDefaultZone();

    @Override
    void run() throws Exception {
        Device device = device();
        Instant end = BusyUntil.parse(until, clock);
        DeviceLookup.busyControl(device).setBusy(reason, end);
        out.println(DeviceLookup.stateLine(device));
        if (end == null) {
            out.println("It stays busy until: stowage:device-idle " + id);
        } else {
            out.println("Busy until " + Times.format(end, clock.getZone()) + " (" + clock.getZone() + ")");
        }
    }
}
