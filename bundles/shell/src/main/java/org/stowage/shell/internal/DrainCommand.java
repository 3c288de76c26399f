package org.stowage.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.stowage.api.staging.DrainResult;
import org.stowage.api.staging.StagingService;

/** Drains a device's staged blobs now (waiting for the drain), or pauses or resumes its drains. */
@Service
@Command(scope = "stowage", name = "drain", description = "Writes the blobs staged for a device to it now, oldest "
        + "first (Ctrl-C stops after the current blob), or pauses or resumes its drains.")
public class DrainCommand extends StowageAction {

    @Argument(index = 0, name = "device", required = true, description = "The device id")
    @Completion(DeviceIdCompleter.class)
    String id;

    @Option(name = "--pause", description = "Stop drains of the device (puts are still staged) until --resume")
    boolean pause;

    @Option(name = "--resume", description = "Let drains of the device run again")
    boolean resume;

    @Reference(optional = true)
    StagingService staging;

    @Override
    void run() throws Exception {
        StagingService service = require(staging, StagingService.class);
        if (pause && resume) {
            throw new CommandException("Give --pause or --resume, not both");
        }
        if (pause || resume) {
            if (pause) {
                service.pause(id);
            } else {
                service.resume(id);
            }
            out.println("Drains of device '" + id + "' " + (pause ? "paused; puts for it are still staged. "
                    + "Resume with: stowage:drain " + id + " --resume" : "resumed; it drains when it is IDLE"));
            return;
        }
        DrainResult result;
        try {
            result = service.drain(id);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
        out.println("Drained " + result.blobs() + " blob(s), " + Bytes.format(result.bytes()) + " to device '" + id
                + "' in " + Durations.format(result.took()) + ": " + ending(result));
    }

    private String ending(DrainResult r) {
        return switch (r.end()) {
            case EMPTY -> "nothing is staged for it any more";
            case DEVICE_BUSY -> "the device is BUSY (" + r.detail() + "); the rest drains when it is IDLE";
            case PAUSED -> "drains are paused; resume with: stowage:drain " + id + " --resume";
            case ALREADY_DRAINING -> "a drain of it is running already; see stowage:staging";
            default -> r.end() + ": " + r.detail() + "; the rest stays staged";
        };
    }
}
