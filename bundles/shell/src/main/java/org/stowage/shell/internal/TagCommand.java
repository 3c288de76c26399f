package org.stowage.shell.internal;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotService;
import org.stowage.api.repository.TagChange;

/** Adds, removes or sets tags of snapshots; each changed snapshot gets a new id (its manifest is rewritten). */
@Service
@Command(scope = "stowage", name = "tag", description = "Adds, removes or replaces the tags of snapshots. A changed "
        + "snapshot gets a new id: the new manifest is written before the old one is deleted.")
public class TagCommand extends StowageAction {

    @Argument(index = 0, name = "snapshots", description = "Snapshot ids, unique prefixes, or 'latest'",
            required = true, multiValued = true)
    @Completion(SnapshotIdCompleter.class)
    List<String> snapshots;

    @Option(name = "--add", description = "Tag to add (repeatable)", multiValued = true)
    List<String> add;

    @Option(name = "--remove", description = "Tag to remove (repeatable)", multiValued = true)
    List<String> remove;

    @Option(name = "--set", description = "Tag to replace all tags with (repeatable; first --set, then --add and "
            + "--remove apply)", multiValued = true)
    List<String> set;

    @Option(name = "--json", description = "Print JSON for scripts: the snapshots with their new ids")
    boolean json;

    @Reference(optional = true)
    SnapshotService snapshotService;

    @Override
    void run() throws Exception {
        TagChange change;
        try {
            change = new TagChange(set == null ? null : Set.copyOf(set), add == null ? null : Set.copyOf(add),
                    remove == null ? null : Set.copyOf(remove));
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage() + " (use --add, --remove or --set <tag>)", e);
        }
        List<SnapshotInfo> tagged = require(snapshotService, SnapshotService.class).tag(snapshots, change);
        if (json) {
            Json.print(out, tagged);
            return;
        }
        out.println("Snapshots now (the ids of changed ones are new):");
        Snapshots.table(tagged).print(out);
    }
}
