package org.stowage.engine.internal.osgi;

import java.util.function.Supplier;

import org.osgi.service.component.ComponentServiceObjects;
import org.stowage.api.placement.PackPlacement;

/**
 * The Camel placement routes as the repository component binds them: by their {@link ComponentServiceObjects}, with
 * the service itself fetched at the first placement. stowage-routing's component needs the repository's services to
 * start, so fetching its service while binding it is a circular activation, which SCR settles only by a later retry
 * that can be lost: the repository then never used the routes. Thread-safe.
 */
final class PlacementRoutes implements Supplier<PackPlacement> {

    private ComponentServiceObjects<PackPlacement> bound;
    private PackPlacement service;

    synchronized void bind(ComponentServiceObjects<PackPlacement> routes) {
        bound = routes;
        service = null;
    }

    /** SCR releases the service it handed out when it unbinds the reference. */
    synchronized void unbind(ComponentServiceObjects<PackPlacement> routes) {
        if (bound == routes) {
            bound = null;
            service = null;
        }
    }

    /** The routes, or null while stowage-routing is not installed (packs are then written directly). */
    @Override
    public synchronized PackPlacement get() {
        if (service == null && bound != null) {
            service = bound.getService();
        }
        return service;
    }
}
