package org.stowage.shell.internal;

import java.io.PrintStream;

import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.DryRunResult;
import org.stowage.api.repository.NodeInfo;

/**
 * Prints a dry run as it walks: one line per entry that would be backed up (folders end in '/', files show their
 * size), then the totals and the entries that could not be read.
 */
final class DryRunPrinter {

    private DryRunPrinter() {
    }

    static void print(PrintStream out, BackupService backup, BackupRequest request) {
        ProgressPrinter warnings = new ProgressPrinter(out, 0, false); // collects warnings; no live line mid-listing
        DryRunResult result = backup.dryRun(request, node -> out.println(line(node)), warnings);
        out.println("Would back up " + result.files() + " files (" + Bytes.format(result.bytes()) + "), "
                + result.dirs() + " folders and " + result.others() + " other entries; nothing was stored.");
        warnings.printWarnings(out, "Unreadable");
    }

    private static String line(NodeInfo node) {
        return switch (node.type()) {
            case DIR -> node.path().endsWith("/") ? node.path() : node.path() + "/";
            case FILE -> node.path() + "  " + Bytes.format(node.size());
            case SYMLINK, OTHER, VOLUME -> node.path();
        };
    }
}
