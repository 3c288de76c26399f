package org.stowage.routing.internal.component;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** The Java DSL example of docs/component.md, verbatim below this comment (DocExamplesTest compares them). */
public class ExportRoutes extends RouteBuilder {

    private final String exports;
    private final String failures;

    public ExportRoutes(String exports, String failures) {
        this.exports = exports;
        this.failures = failures;
    }

    @Override
    public void configure() {
        // each file dropped into the exports folder becomes one file of a snapshot tagged "exports"
        from("file:" + exports + "?delete=true").routeId("exports-backup")
                .to("stowage:backup?tags=exports");
        // retention for those snapshots every night at 03:00, as a job's retention would do it
        from("quartz:exports/retention?cron=0+0+3+*+*+?").routeId("exports-retention")
                .to("stowage:forget?policy=last=7,daily=14&tags=exports&prune=true");
        // a failed job or check goes to the operators, through any Camel endpoint
        from("stowage:events?types=JOB_FAILED,CHECK_FAILED").routeId("failures-to-operators")
                .setHeader(Exchange.FILE_NAME, simple("${header.StowageEventType}-${exchangeId}.txt"))
                .to("file:" + failures);
    }
}
