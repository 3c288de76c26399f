package org.stowage.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.stowage.api.job.JobInfo;
import org.stowage.api.job.JobService;

/** Completes the names of the configured jobs. */
@Service
public class JobNameCompleter implements Completer {

    @Reference(optional = true)
    JobService jobService;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        if (jobService != null) {
            jobService.jobs().stream().map(JobInfo::name).forEach(strings.getStrings()::add);
        }
        return strings.complete(session, commandLine, candidates);
    }
}
