package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.stowage.api.job.JobInfo;
import org.stowage.api.job.JobService;

/** Lists the configured backup jobs and how their last run went. */
@Service
@Command(scope = "stowage", name = "jobs", description = "Lists the scheduled backup jobs and their last results.")
public class JobsCommand extends StowageAction {

    @Option(name = "--json", description = "Print JSON for scripts")
    boolean json;

    @Reference(optional = true)
    JobService jobService;

    @Override
    void run() throws Exception {
        List<JobInfo> jobs = require(jobService, JobService.class).jobs();
        if (json) {
            Json.print(out, jobs);
            return;
        }
        ShellTable table = new ShellTable().emptyTableText("(no jobs: add etc/org.stowage.job-<name>.cfg)");
        table.column("Name");
        table.column("Schedule");
        table.column("Paths").maxSize(50).wrap();
        table.column("Retention");
        table.column("Last run");
        table.column("Runs").alignRight();
        table.column("Last result").maxSize(60).wrap();
        for (JobInfo j : jobs) {
            table.addRow().addContent(j.name(), j.schedule(), String.join(", ", j.paths()), j.retention(),
                    Times.format(j.lastRun()), j.runs(), j.lastResult());
        }
        table.print(out);
    }
}
