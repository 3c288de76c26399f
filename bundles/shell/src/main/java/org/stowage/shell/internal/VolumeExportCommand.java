package org.stowage.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.volume.VolumeService;

/** Exports a volume over NBD and starts tracking its writes. */
@Service
@Command(scope = "stowage", name = "volume-export", description = "Exports a volume over NBD (its configured address,"
        + " 127.0.0.1:10809 by default) and tracks every write, so that the next backup reads only dirty blocks.")
public class VolumeExportCommand extends StowageAction {

    @Argument(index = 0, name = "volume", required = true, description = "The volume's name")
    @Completion(VolumeNameCompleter.class)
    String volume;

    @Reference(optional = true)
    VolumeService volumeService;

    @Override
    void run() throws Exception {
        String export = require(volumeService, VolumeService.class).export(volume);
        out.println("Volume " + volume + " exported at nbd://" + export
                + " (e.g. qemu-img info nbd://" + export + "); writes through it are tracked");
    }
}
