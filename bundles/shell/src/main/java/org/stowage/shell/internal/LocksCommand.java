package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.repository.LockService;
import org.stowage.api.repository.RepositoryLockInfo;

/** Lists the repository's lock blobs: running backups and prunes of every process, and leftovers of crashed ones. */
@Service
@Command(scope = "stowage", name = "locks", description = "Lists the repository's locks (backups hold shared ones,"
        + " prune an exclusive one), oldest first; stale ones are left over by processes that stopped.")
public class LocksCommand extends StowageAction {

    @Option(name = "--json", description = "Print JSON for scripts (full ids, ISO-8601 times)")
    boolean json;

    @Reference(optional = true)
    LockService lockService;

    @Override
    void run() throws Exception {
        List<RepositoryLockInfo> locks = require(lockService, LockService.class).locks();
        if (json) {
            Json.print(out, locks);
        } else {
            table(locks).print(out);
        }
    }

    /** The table of locks, shared with {@code stowage:unlock}. */
    static ShellTable table(List<RepositoryLockInfo> locks) {
        ShellTable table = new ShellTable().emptyTableText("(no locks)");
        table.column("ID");
        table.column("Kind");
        table.column("Operation").maxSize(60).wrap();
        table.column("Host");
        table.column("PID").alignRight();
        table.column("Written");
        table.column("");
        for (RepositoryLockInfo lock : locks) {
            table.addRow().addContent(lock.id().substring(0, 8), lock.shared() ? "shared" : "exclusive",
                    lock.operation(), lock.host(), lock.pid(), Times.format(lock.time()), lock.stale() ? "stale" : "");
        }
        return table;
    }
}
