package org.stowage.shell.internal;

import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.stowage.api.volume.VolumeService;

/** Restores a volume's image at a snapshot to a file or block device. */
@Service
@Command(scope = "stowage", name = "volume-restore", description = "Restores a volume's image at a snapshot to a new"
        + " file, or onto an existing image or block device (only differing blocks are written).")
public class VolumeRestoreCommand extends StowageAction {

    @Argument(index = 0, name = "volume", required = true, description = "The volume's name")
    @Completion(VolumeNameCompleter.class)
    String volume;

    @Argument(index = 1, name = "target", required = true, description = "File or block device to write")
    @Completion(FileCompleter.class)
    String target;

    @Argument(index = 2, name = "snapshot", description = "latest (default) or an id prefix of the volume's snapshot")
    @Completion(SnapshotIdCompleter.class)
    String snapshot = "latest";

    @Reference(optional = true)
    VolumeService volumeService;

    @Override
    void run() throws Exception {
        Path to = Path.of(target).toAbsolutePath();
        long[] r = require(volumeService, VolumeService.class).restore(volume, snapshot, to);
        out.printf("Volume %s (%s) restored to %s: %d blocks written, %d already equal%n", volume, snapshot, to, r[0],
                r[1]);
    }
}
