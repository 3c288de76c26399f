package org.stowage.routing.internal.integration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Integrators' routes on Stowage's CamelContext, in groups that come and go together: the routes of one
 * {@code RoutesBuilder} service, or of one route file. A group is keyed by its source (the service object, the file's
 * path); adding a key that is present replaces its routes. A builder that fails halfway leaves none of its routes
 * behind. Thread-safe: additions and removals are serialized.
 */
public final class RouteGroups {

    private static final Logger LOG = LoggerFactory.getLogger(RouteGroups.class);
    /** How long a removed group's routes may finish an exchange in flight before they are stopped anyway. */
    static final long STOP_TIMEOUT_SECONDS = 10;

    private final CamelContext camel;
    private final Map<Object, List<String>> groups = new HashMap<>();

    public RouteGroups(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * Adds the builder's routes as the group of {@code key} (after removing what that key had) and starts them.
     *
     * @return the ids of the routes added
     * @throws Exception as Camel reports it (a route that does not build or start, an id already in use); the
     *                   group is then empty
     */
    public synchronized List<String> add(Object key, RoutesBuilder builder) throws Exception {
        remove(key);
        refuseTakenIds(builder);
        Set<String> before = ids();
        try {
            camel.addRoutes(builder);
        } catch (Exception | Error e) {
            stopAndRemove(added(builder, before));
            throw e;
        }
        List<String> added = added(builder, before);
        groups.put(key, added);
        return added;
    }

    /**
     * Camel replaces a route whose id a new one reuses; a route file or service must not silently take over another
     * one's route (or Stowage's own), so an explicit id that runs already is refused, naming who has it.
     */
    private void refuseTakenIds(RoutesBuilder builder) throws Exception {
        if (!(builder instanceof RouteBuilder routes)) {
            return;
        }
        routes.configureRoutes(camel); // parses a route file; configure() runs once, addRoutes reuses the result
        for (RouteDefinition definition : routes.getRouteCollection().getRoutes()) {
            String id = definition.getRouteId();
            if (id != null && camel.getRoute(id) != null) {
                String owner = groups.entrySet().stream().filter(e -> e.getValue().contains(id))
                        .map(e -> String.valueOf(e.getKey())).findFirst().orElse("Stowage itself");
                throw new IllegalArgumentException("route id '" + id + "' is already used by a running route of "
                        + owner + "; give the route another id");
            }
        }
    }

    /** Stops and removes the routes of {@code key}'s group; false if it had none. */
    public synchronized boolean remove(Object key) {
        List<String> ids = groups.remove(key);
        if (ids == null) {
            return false;
        }
        stopAndRemove(ids);
        return true;
    }

    /** The route ids of {@code key}'s group; empty if none. */
    public synchronized List<String> routes(Object key) {
        return groups.getOrDefault(key, List.of());
    }

    /**
     * The routes a builder added: those its definitions name (a RouteBuilder's ids are set once it is added, also
     * for routes without an explicit id), else those that appeared meanwhile (the lock keeps other groups out; the
     * job scheduler's routes are named job-* and never claimed).
     */
    private List<String> added(RoutesBuilder builder, Set<String> before) {
        Set<String> now = ids();
        List<String> ids = new ArrayList<>();
        if (builder instanceof RouteBuilder routes) {
            for (RouteDefinition definition : routes.getRouteCollection().getRoutes()) {
                String id = definition.getRouteId();
                if (id != null && now.contains(id) && !before.contains(id)) {
                    ids.add(id);
                }
            }
            return ids;
        }
        now.stream().filter(id -> !before.contains(id) && !id.startsWith("job-")).forEach(ids::add);
        return ids;
    }

    private Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        for (Route route : camel.getRoutes()) {
            ids.add(route.getRouteId());
        }
        return ids;
    }

    private void stopAndRemove(List<String> ids) {
        for (String id : ids) {
            try {
                camel.getRouteController().stopRoute(id, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                camel.removeRoute(id);
            } catch (Exception e) {
                LOG.error("Removing route '{}' failed: {}; it may still run until Stowage's routing restarts", id,
                        e.getMessage(), e);
            }
        }
    }
}
