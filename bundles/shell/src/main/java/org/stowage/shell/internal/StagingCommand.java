package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.staging.StagingReport;
import org.stowage.api.staging.StagingService;

/** Shows the staging space: its limit and why, and per device what waits for it and how its drain goes. */
@Service
@Command(scope = "stowage", name = "staging", description = "Shows the staging space: the computed limit and why, "
        + "and per device its state, staged bytes and items, oldest staged blob, need, drain rate, paused.")
public class StagingCommand extends StowageAction {

    @Option(name = "--json", description = "Print JSON for scripts (bytes and bytes per second as numbers)")
    boolean json;

    @Reference(optional = true)
    StagingService staging;

    @Override
    void run() throws Exception {
        StagingReport report = require(staging, StagingService.class).report();
        List<StagingRow> rows = report.devices().stream().map(StagingRow::of).toList();
        if (json) {
            Json.print(out, new Report(report.enabled(), report.limitBytes(), report.limitWhy(),
                    report.usedBytes(), report.diskBytes(), rows));
            return;
        }
        out.println("Staging " + (report.enabled() ? "" : "(disabled: nothing new is staged) ") + "uses "
                + Bytes.format(report.usedBytes()) + " of " + Bytes.format(report.limitBytes()) + " ("
                + Bytes.format(report.diskBytes()) + " on disk); " + report.limitWhy());
        ShellTable table = new ShellTable().emptyTableText("(no devices known to staging)");
        table.column("Device");
        table.column("State");
        table.column("Staged").alignRight();
        table.column("Items").alignRight();
        table.column("Oldest");
        table.column("Need").alignRight();
        table.column("Drain MiB/s").alignRight();
        for (StagingRow r : rows) {
            table.addRow().addContent(r.id(), r.stateText(), Bytes.format(r.stagedBytes()), r.stagedItems(),
                    r.oldest() == null ? "-" : r.oldest() + " (" + Times.format(r.oldestStagedAt()) + ")",
                    Bytes.format(r.needBytes()), Bytes.mibPerSecond(r.drainBytesPerSecond()));
        }
        table.print(out);
        rows.stream().filter(r -> !r.needWhy().isEmpty()).forEach(r -> out.println(r.id() + ": " + r.needWhy()));
        rows.stream().filter(r -> !r.lastError().isEmpty())
                .forEach(r -> out.println(r.id() + ": last drain failed: " + r.lastError()));
    }

    /** The --json document. */
    record Report(boolean enabled, long limitBytes, String limitWhy, long usedBytes, long diskBytes,
                  List<StagingRow> devices) {
    }
}
