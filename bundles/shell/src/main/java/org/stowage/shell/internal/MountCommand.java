package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.mount.MountInfo;
import org.stowage.api.mount.MountService;

/**
 * Mounts the snapshots read-only at a folder, like {@code restic mount}: in the foreground until Ctrl-C or the end
 * of the session (both interrupt the command, which then unmounts), or with {@code --background} until
 * {@code stowage:umount}. Without a folder, lists the mounts.
 */
@Service
@Command(scope = "stowage", name = "mount", description = "Mounts the snapshots read-only at an empty folder "
        + "(ids/, snapshots/, hosts/, tags/) until Ctrl-C; without a folder, lists the mounts.")
public class MountCommand extends StowageAction {

    @Argument(index = 0, name = "folder", description = "An empty folder to mount at")
    @Completion(FileCompleter.class)
    String folder;

    @Option(name = "--background", aliases = "-b", description = "Return at once; the mount stays until "
            + "stowage:umount or until Stowage stops")
    boolean background;

    @Reference(optional = true)
    MountService mountService;

    @Reference
    Session session;

    @Override
    void run() throws Exception {
        MountService mounts = require(mountService, MountService.class);
        if (folder == null) {
            print(mounts.mounts());
            return;
        }
        Object user = session.get("USER");
        MountInfo mount = mounts.mount(Consoles.absolute(session, folder), "shell" + (user == null ? "" : " of "
                + user) + (background ? "" : ", foreground"));
        out.println("Mounted the snapshots read-only at " + mount.mountpoint() + " (ids/, snapshots/, hosts/, tags/)");
        if (background) {
            out.println("It stays until: stowage:umount " + mount.mountpoint());
            return;
        }
        out.println("Press Ctrl-C to unmount.");
        out.flush();
        try {
            waitUntilInterrupted();
        } finally {
            mounts.unmount(mount.mountpoint());
            out.println("Unmounted " + mount.mountpoint());
        }
    }

    private static void waitUntilInterrupted() {
        Object forever = new Object();
        synchronized (forever) {
            try {
                forever.wait();
            } catch (InterruptedException e) {
                // Ctrl-C or the session's end: the interrupt asks the command to end, which it does by unmounting
                // (with the flag cleared, so that the unmount's own waits are not cut short) and returning.
            }
        }
    }

    private void print(List<MountInfo> mounts) {
        if (mounts.isEmpty()) {
            out.println("Nothing is mounted. Mount with: stowage:mount <empty folder>");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Mountpoint");
        table.column("Since");
        table.column("By");
        mounts.forEach(m -> table.addRow().addContent(m.mountpoint(), Times.format(m.since()), m.owner()));
        table.print(out);
    }
}
