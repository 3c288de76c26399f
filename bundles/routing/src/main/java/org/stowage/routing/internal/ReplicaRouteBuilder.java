package org.stowage.routing.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.builder.RouteBuilder;
import org.stowage.routing.internal.component.StowageConstants;

/**
 * The named route of a backup from replicas (source design S3): {@code direct:stowage-replicas-<name>}, route id
 * {@code stowage-replicas-<name>}. Two levels of failover: inside one run, the engine leaves a failing replica for
 * the next and continues where it stopped (a REPLICA_SWITCHED event per switch); around the runs, Camel's failover
 * load balancer sends a run that failed as a whole (the repository's lock refused, no replica listable at its start)
 * to the next endpoint, which prefers the next replica. What the failed run stored is deduplicated, so the next one
 * uploads nothing again.
 */
public final class ReplicaRouteBuilder extends RouteBuilder {

    private final String name;
    private final Path logical;
    private final List<Path> replicas;

    public ReplicaRouteBuilder(String name, Path logical, List<Path> replicas) {
        if (replicas.size() < 2) {
            throw new IllegalArgumentException("replica route '" + name + "' names " + replicas.size()
                    + " replica(s); a failover needs at least two");
        }
        this.name = name;
        this.logical = logical;
        this.replicas = List.copyOf(replicas);
    }

    public static String routeId(String name) {
        return "stowage-replicas-" + name;
    }

    public static String entry(String name) {
        return "direct:" + routeId(name);
    }

    /** One backup endpoint per replica, each listing the replicas starting from a different one. */
    List<String> endpoints() {
        List<String> uris = new ArrayList<>();
        for (int first = 0; first < replicas.size(); first++) {
            List<Path> order = new ArrayList<>(replicas.subList(first, replicas.size()));
            order.addAll(replicas.subList(0, first));
            uris.add(StowageConstants.SCHEME + ":backup?paths=" + logical + "&replicas="
                    + order.stream().map(Path::toString).collect(Collectors.joining(",")));
        }
        return uris;
    }

    @Override
    public void configure() {
        // failover(n, false, true): up to one more attempt per other replica, each straight after the failure (no
        // redelivery of the error handler in between: the next replica is the retry); round robin, so that
        // successive runs start on successive replicas and spread their reads
        from(entry(name))
                .routeId(routeId(name))
                .loadBalance().failover(replicas.size() - 1, false, true)
                .to(endpoints().toArray(String[]::new))
                .end();
    }
}
