package org.stowage.routing.internal;

/** Endpoints, route ids, headers and exchange properties shared by the job routes. */
final class JobRoutes {

    /** Seam between the per-job Quartz routes (and manual runs) and the backup route. */
    static final String BACKUP = "direct:backup";
    /** Seam between the backup route and the retention route. */
    static final String RETENTION = "direct:retention";
    /** Seam between the backup route and the copy of its snapshot to other devices. */
    static final String COPY = "direct:copy";

    static final String BACKUP_ROUTE_ID = "backup";
    static final String RETENTION_ROUTE_ID = "retention";
    static final String COPY_ROUTE_ID = "copy";

    /** Header (String): the name of the job to run; set by the job's Quartz route or by a manual run. */
    static final String HEADER_JOB = "StowageJobName";
    /** Header (ProgressListener, optional): who follows a manual run's backup besides the log. */
    static final String HEADER_LISTENER = "StowageJobListener";

    /** Property (Boolean): the run was skipped because the job was already running. */
    static final String PROP_SKIPPED = "StowageJobSkipped";
    /** Property (String): why the run failed, as recorded in the job's last result. */
    static final String PROP_FAILURE = "StowageJobFailure";
    /** Property ({@link JobState}): the job being run, once its run has started. */
    static final String PROP_STATE = "StowageJobState";

    private JobRoutes() {
    }

    /** Route id of a job's Quartz route. */
    static String jobRouteId(String jobName) {
        return "job-" + jobName;
    }
}
