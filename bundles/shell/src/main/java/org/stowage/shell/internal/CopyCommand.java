package org.stowage.shell.internal;

import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.stowage.api.repository.CopyResult;
import org.stowage.api.repository.CopyService;

/** Copies (or moves) the data of snapshots to other devices of the repository. */
@Service
@Command(scope = "stowage", name = "copy", description = "Copies the data of snapshots to other devices of the "
        + "repository; with --move, also removes it from every other device.")
public class CopyCommand extends StowageAction {

    @Argument(index = 0, name = "snapshots", description = "Snapshot ids, unique prefixes or 'latest'", required = true,
            multiValued = true)
    @Completion(SnapshotIdCompleter.class)
    List<String> snapshots;

    @Option(name = "--to", description = "Comma-separated ids of the devices to copy to", required = true)
    String to;

    @Option(name = "--move", description = "Remove the copies on every other device once the new ones are durable and "
            + "recorded (takes the repository's lock exclusively)")
    boolean move;

    @Reference(optional = true)
    CopyService copyService;

    @Reference
    Session session;

    @Override
    void run() throws Exception {
        List<String> targets = Arrays.stream(to.split(",")).map(String::trim).filter(id -> !id.isEmpty()).toList();
        if (targets.isEmpty()) {
            throw new CommandException("--to names no device; give the ids of the devices to copy to, e.g. --to vault");
        }
        CopyService copy = require(copyService, CopyService.class);
        ProgressPrinter progress = Consoles.progress(session, out);
        CopyResult result;
        try {
            result = copy.copy(snapshots, targets, move, progress);
        } finally {
            progress.finish();
        }
        out.println((move ? "Moved" : "Copied") + " the " + result.packs() + " packs of " + snapshots.size()
                + " snapshot(s) to " + String.join(", ", targets) + ": " + result.copiesMade() + " copies written ("
                + Bytes.format(result.bytesCopied()) + ")" + (move ? ", " + result.copiesRemoved()
                + " copies removed from other devices" : "") + " in " + Durations.format(result.duration()));
        progress.printWarnings(out, "Warnings");
    }
}
