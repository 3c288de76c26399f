package org.stowage.routing.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.apache.camel.builder.RouteBuilder;

/**
 * The Quartz route of one job: fires on the job's cron schedule and hands the job name to the backup route.
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

    @Override
    public void configure() {
        from(quartzUri(job))
                .routeId(JobRoutes.jobRouteId(job.name()))
                .setHeader(JobRoutes.HEADER_JOB, constant(job.name()))
                .to(JobRoutes.BACKUP);
    }
}
