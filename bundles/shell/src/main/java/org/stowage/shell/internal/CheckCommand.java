package org.stowage.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.CheckService;

/** Verifies the repository; fails, after listing them, if it found errors. */
@Service
@Command(scope = "stowage", name = "check", description = "Verifies the repository's structure, and with "
        + "--read-data every stored blob.")
public class CheckCommand extends StowageAction {

    @Option(name = "--read-data", description = "Also read and verify every copy of every pack (reads the whole "
            + "repository on every device)")
    boolean readData;

    @Option(name = "--device", description = "With --read-data, read only the copies this device holds")
    @Completion(DeviceIdCompleter.class)
    String device;

    @Reference(optional = true)
    CheckService checkService;

    @Reference
    Session session;

    @Override
    void run() throws Exception {
        CheckService check = require(checkService, CheckService.class);
        ProgressPrinter progress = Consoles.progress(session, out);
        CheckReport report;
        try {
            report = check.check(readData, device, progress);
        } finally {
            progress.finish();
        }
        out.println("Checked " + report.snapshots() + " snapshots, " + report.packs() + " packs, " + report.blobs()
                + " blobs; read " + Bytes.format(report.bytesRead()) + (readData ? "" : " (structure only)"));
        progress.printWarnings(out, "Warnings");
        if (report.isOk()) {
            out.println("No errors found.");
            return;
        }
        out.println("Errors (" + report.errors().size() + "):");
        report.errors().forEach(e -> out.println("  " + e));
        throw new CommandException("Check found " + report.errors().size() + " errors (listed above); "
                + "the affected snapshots cannot be fully restored");
    }
}
