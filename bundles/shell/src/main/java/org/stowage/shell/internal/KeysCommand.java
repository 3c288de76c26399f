package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.repository.KeyService;
import org.stowage.api.repository.RepositoryKeyInfo;

/** Lists the keys that open the repository; never a password. */
@Service
@Command(scope = "stowage", name = "keys", description = "Lists the repository's keys (each opens it with its own"
        + " password), oldest first; the current one is the key of the configured password file.")
public class KeysCommand extends StowageAction {

    @Option(name = "--json", description = "Print JSON for scripts (full ids, ISO-8601 times)")
    boolean json;

    @Reference(optional = true)
    KeyService keyService;

    @Override
    void run() throws Exception {
        List<RepositoryKeyInfo> keys = require(keyService, KeyService.class).keys();
        if (json) {
            Json.print(out, keys);
        } else {
            table(keys).print(out);
        }
    }

    /** The table of keys, shared with the commands that add and remove one. */
    static ShellTable table(List<RepositoryKeyInfo> keys) {
        ShellTable table = new ShellTable().emptyTableText("(no keys)");
        table.column("ID");
        table.column("Created");
        table.column("Host");
        table.column("KDF");
        table.column("");
        for (RepositoryKeyInfo key : keys) {
            table.addRow().addContent(shortId(key), Times.format(key.created()), key.host(), key.kdf(),
                    key.current() ? "current" : "");
        }
        return table;
    }

    /**
     * The id as the shell shows it: 12 hex digits, unique among a repository's few keys (an unusable blob in keys/
     * may have a shorter name).
     */
    static String shortId(RepositoryKeyInfo key) {
        return key.id().substring(0, Math.min(12, key.id().length()));
    }
}
