package org.stowage.routing.internal.integration;

import org.apache.camel.builder.RouteBuilder;

/**
 * The route that keeps route files and running routes in line ({@value #ROUTE_ID}): a timer scans the folder.
 * Polling, not a file-system watch: it also sees deletions and edits on network and bind mounts, and the folder holds a
 * handful of small files. The timer's own thread, so a slow load never delays the status poll.
 */
public final class RouteFilesRouteBuilder extends RouteBuilder {

    public static final String ROUTE_ID = "stowage-route-files";

    private final RouteFiles files;
    private final long periodMillis;

    public RouteFilesRouteBuilder(RouteFiles files, long periodMillis) {
        this.files = files;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        from("timer://" + ROUTE_ID + "?delay=0&period=" + periodMillis).routeId(ROUTE_ID)
                .process(exchange -> files.scan());
    }
}
