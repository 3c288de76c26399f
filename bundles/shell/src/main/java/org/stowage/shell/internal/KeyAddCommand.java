package org.stowage.shell.internal;

import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.stowage.api.repository.KeyService;
import org.stowage.api.repository.RepositoryKeyInfo;

/**
 * Adds a key whose password is the first line of a file, read as the repository configuration reads its password
 * file: the way to change the password without re-encrypting anything. Prints the key, never the password.
 */
@Service
@Command(scope = "stowage", name = "key-add", description = "Adds a key that opens the repository with the password"
        + " in a file (its first line). To change the password: add a key, set password.file in"
        + " etc/org.stowage.repository.cfg to that file, then stowage:key-remove the old key.")
public class KeyAddCommand extends StowageAction {

    @Argument(index = 0, name = "password-file", required = true,
            description = "File holding the new password on its first line (owner-only permissions)")
    @Completion(FileCompleter.class)
    String passwordFile;

    @Reference(optional = true)
    KeyService keyService;

    @Override
    void run() throws Exception {
        Path file = Path.of(passwordFile).toAbsolutePath();
        RepositoryKeyInfo added = require(keyService, KeyService.class).addKey(file);
        out.println("Added key " + KeysCommand.shortId(added) + " (password from " + file + "):");
        KeysCommand.table(List.of(added)).print(out);
        out.println("To make it the current key, set password.file = " + file
                + " in etc/org.stowage.repository.cfg; then remove the old key with stowage:key-remove <id>.");
    }
}
