package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.repository.LockService;
import org.stowage.api.repository.RepositoryLockInfo;

/** Removes lock blobs left behind by processes that stopped; with --all, every lock blob. */
@Service
@Command(scope = "stowage", name = "unlock", description = "Removes stale locks (left over by processes that"
        + " stopped); with --all every lock, once you know no backup or prune of any process is running.")
public class UnlockCommand extends StowageAction {

    @Option(name = "--all", description = "Also remove locks that are not stale. Only when no backup or prune runs"
            + " anywhere: a prune could otherwise delete data a running backup needs")
    boolean all;

    @Reference(optional = true)
    LockService lockService;

    @Override
    void run() throws Exception {
        List<RepositoryLockInfo> removed = require(lockService, LockService.class).unlock(all);
        if (removed.isEmpty()) {
            out.println(all ? "No locks to remove." : "No stale locks to remove (stowage:locks lists the others).");
            return;
        }
        out.println("Removed " + removed.size() + (removed.size() == 1 ? " lock:" : " locks:"));
        LocksCommand.table(removed).print(out);
    }
}
