package org.stowage.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.volume.VolumeService;

/** Ends a volume's NBD export; its tracking is saved. */
@Service
@Command(scope = "stowage", name = "volume-unexport", description = "Ends a volume's NBD export: its connections are"
        + " closed and the record of its dirty blocks is saved.")
public class VolumeUnexportCommand extends StowageAction {

    @Argument(index = 0, name = "volume", required = true, description = "The volume's name")
    @Completion(VolumeNameCompleter.class)
    String volume;

    @Reference(optional = true)
    VolumeService volumeService;

    @Override
    void run() throws Exception {
        require(volumeService, VolumeService.class).unexport(volume);
        out.println("Volume " + volume + " is no longer exported; writes made to it elsewhere are not tracked");
    }
}
