package org.stowage.routing.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.stowage.api.repository.StowageException;
import org.stowage.routing.internal.component.StowageConstants;

/**
 * The Quartz route of one job: fires on the job's cron schedule and runs the job through {@code stowage:backup?job=},
 * as an integrator's route would: a job is a route.
 * Quartz because it is the one scheduling mechanism of Stowage (calendars, misfire handling, cron syntax).
 */
final class JobRouteBuilder extends RouteBuilder {

    private final JobDefinition job;

    JobRouteBuilder(JobDefinition job) {
        this.job = job;
    }

    /** The Quartz endpoint: group {@code stowage}, trigger named after the job. */
    static String quartzUri(JobDefinition job) {
        return "quartz://stowage/" + job.name() + "?cron=" + URLEncoder.encode(job.schedule(), StandardCharsets.UTF_8);
    }

    /** The endpoint a job's schedule sends to: the same one an integrator's route uses to run the job. */
    static String backupUri(JobDefinition job) {
        return StowageConstants.SCHEME + ":backup?job=" + job.name();
    }

    @Override
    public void configure() {
        // A run that fails or is skipped is logged and recorded by the backup route already; the schedule goes on.
        onException(StowageException.class).handled(true).log(LoggingLevel.DEBUG, "${exception.message}");

        from(quartzUri(job))
                .routeId(JobRoutes.jobRouteId(job.name()))
                .to(backupUri(job));
    }
}
