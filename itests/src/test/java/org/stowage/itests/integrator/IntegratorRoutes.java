package org.stowage.itests.integrator;

import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.stowage.api.repository.SnapshotInfo;

/**
 * An integrator's routes, shipped in their own bundle ({@link IntegratorBundle}): files dropped in
 * {@code <karaf.data>/itest-integrator/in} are backed up through stowage:backup, and every snapshot they make is
 * announced by stowage:events as a file in {@code saved/}, named by the snapshot id and holding its paths.
 */
public final class IntegratorRoutes extends RouteBuilder {

    public static final String TAG = "itest-integrator";

    /** The folders the routes use, below Karaf's data folder (the same in the test and in the bundle). */
    public static Path folder(String name) {
        return Path.of(System.getProperty("karaf.data"), "itest-integrator", name);
    }

    @Override
    public void configure() {
        from("file:" + folder("in") + "?delete=true").routeId("itest-integrator-backup")
                .to("stowage:backup?tags=" + TAG);

        from("stowage:events?types=SNAPSHOT_SAVED").routeId("itest-integrator-events")
                .filter(exchange -> exchange.getMessage().getBody(SnapshotInfo.class).tags().contains(TAG))
                .process(exchange -> {
                    SnapshotInfo snapshot = exchange.getMessage().getBody(SnapshotInfo.class);
                    exchange.getMessage().setHeader(Exchange.FILE_NAME, snapshot.id());
                    exchange.getMessage().setBody(String.join(",", snapshot.paths()));
                })
                .to("file:" + folder("saved"));
    }
}
