package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.repository.KeyService;
import org.stowage.api.repository.RepositoryKeyInfo;

/** Removes a key, so that its password no longer opens the repository; the current key is refused. */
@Service
@Command(scope = "stowage", name = "key-remove", description = "Removes a key: its password no longer opens the"
        + " repository. The current key (that of the configured password file) is refused.")
public class KeyRemoveCommand extends StowageAction {

    @Argument(index = 0, name = "id", required = true, description = "Key id or a unique prefix (see stowage:keys)")
    @Completion(KeyIdCompleter.class)
    String id;

    @Reference(optional = true)
    KeyService keyService;

    @Override
    void run() throws Exception {
        RepositoryKeyInfo removed = require(keyService, KeyService.class).removeKey(id);
        out.println("Removed key:");
        KeysCommand.table(List.of(removed)).print(out);
    }
}
