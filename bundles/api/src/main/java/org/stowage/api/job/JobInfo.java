package org.stowage.api.job;

import java.time.Instant;
import java.util.List;

/**
 * A configured job and how its last run went.
 *
 * @param name       the job name (the configuration's {@code name})
 * @param paths      what it backs up
 * @param schedule   its Quartz cron expression
 * @param retention  the retention policy applied after each run, or empty
 * @param lastRun    when it last started, or null
 * @param lastResult "ok <snapshot>", or the error of the last run, or empty
 * @param runs       completed runs since the job was configured
 */
public record JobInfo(String name, List<String> paths, String schedule, String retention, Instant lastRun,
                      String lastResult, long runs) {

    public JobInfo {
        paths = List.copyOf(paths);
        retention = retention == null ? "" : retention;
        lastResult = lastResult == null ? "" : lastResult;
    }
}
