package org.stowage.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.stowage.api.mount.MountService;

/** Unmounts a view that {@code stowage:mount --background} mounted. */
@Service
@Command(scope = "stowage", name = "umount", description = "Unmounts the snapshots mounted at a folder.")
public class UmountCommand extends StowageAction {

    @Argument(index = 0, name = "folder", required = true, description = "The folder the snapshots are mounted at")
    @Completion(FileCompleter.class)
    String folder;

    @Reference(optional = true)
    MountService mountService;

    @Reference
    Session session;

    @Override
    void run() throws Exception {
        MountService mounts = require(mountService, MountService.class);
        var mountpoint = Consoles.absolute(session, folder);
        if (!mounts.unmount(mountpoint)) {
            throw new CommandException("Nothing of Stowage is mounted at " + mountpoint + "; see the mounts with:"
                    + " stowage:mount");
        }
        out.println("Unmounted " + mountpoint);
    }
}
