package org.stowage.shell.internal;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stowage.api.job.JobService;
import org.stowage.api.repository.SnapshotInfo;

/** Runs a job now, outside its schedule, and waits for it. */
@Service
@Command(scope = "stowage", name = "job-run", description = "Runs a backup job now and waits for it to finish.")
public class JobRunCommand extends StowageAction {

    @Argument(index = 0, name = "name", description = "The job name (see stowage:jobs)", required = true)
    @Completion(JobNameCompleter.class)
    String name;

    @Reference(optional = true)
    JobService jobService;

    @Override
    void run() throws Exception {
        JobService jobs = require(jobService, JobService.class);
        out.println("Running job '" + name + "' (skipped files are logged; see log:display) ...");
        SnapshotInfo snapshot = jobs.run(name);
        Snapshots.printSummary(out, snapshot);
    }
}
