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
import org.stowage.api.repository.KeyService;
import org.stowage.api.repository.RepositoryKeyInfo;
import org.stowage.api.repository.StowageException;

/** Completes the ids of the keys {@code stowage:key-remove} may remove: every key but the current one. */
@Service
public class KeyIdCompleter implements Completer {

    private static final Logger LOG = LoggerFactory.getLogger(KeyIdCompleter.class);

    @Reference(optional = true)
    KeyService keyService;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(ids(), true).complete(session, commandLine, candidates);
    }

    /** The short ids (as {@code stowage:keys} shows them) of the keys other than the current one. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        if (keyService != null) {
            try {
                for (RepositoryKeyInfo key : keyService.keys()) {
                    if (!key.current()) {
                        ids.add(KeysCommand.shortId(key));
                    }
                }
            } catch (StowageException e) {
                // A TAB key must not print errors into the line being typed; the command itself will report it.
                LOG.debug("No key ids to complete: {}", e.getMessage(), e);
            }
        }
        return ids;
    }
}
