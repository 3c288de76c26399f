package org.stowage.itests.integrator;

import org.apache.camel.RoutesBuilder;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Registers the integrator's {@link IntegratorRoutes} as a RoutesBuilder service while its bundle is active. */
public final class IntegratorActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(RoutesBuilder.class, new IntegratorRoutes(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service with the bundle, and Stowage removes its routes
    }
}
