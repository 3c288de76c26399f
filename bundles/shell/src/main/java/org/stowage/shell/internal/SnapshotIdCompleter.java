package org.stowage.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotService;
import org.stowage.api.repository.StowageException;

/** Completes snapshot short ids, newest first, and {@code latest}. */
@Service
public class SnapshotIdCompleter implements Completer {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotIdCompleter.class);

    @Reference(optional = true)
    SnapshotService snapshotService;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(ids(), true).complete(session, commandLine, candidates);
    }

    /** {@code latest}, then the short ids, newest first. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        ids.add("latest");
        if (snapshotService != null) {
            try {
                List<SnapshotInfo> all = snapshotService.snapshots();
                for (int i = all.size() - 1; i >= 0; i--) {
                    ids.add(all.get(i).shortId());
                }
            } catch (StowageException e) {
                // A TAB key must not print errors into the line being typed; the command itself will report it.
                LOG.debug("No snapshot ids to complete: {}", e.getMessage(), e);
            }
        }
        return ids;
    }
}
