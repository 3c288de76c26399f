package org.stowage.routing.internal.component;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code stowage:} component: Stowage's backup, restore, snapshot, check and retention operations as producer
 * endpoints, and its events as a consumer endpoint, for integrators' routes and for the job routes. One instance per
 * CamelContext; every instance works with the installation's one set of {@link StowageServices}, so an events
 * consumer in an integrator's context sees the same events as one in Stowage's.
 */
@org.apache.camel.spi.annotations.Component(StowageConstants.SCHEME)
public final class StowageComponent extends DefaultComponent {

    private final StowageServices services;

    public StowageComponent(StowageServices services) {
        this.services = services;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        StowageOperation operation = StowageOperation.of(remaining);
        StowageConfiguration configuration = new StowageConfiguration();
        configuration.setOperation(operation.name().toLowerCase(java.util.Locale.ROOT));
        // bound to the configuration object itself: unknown parameters stay in the map and Camel refuses them
        setProperties(configuration, parameters);
        StowageEndpoint endpoint = new StowageEndpoint(uri, this, operation, configuration);
        endpoint.validate();
        return endpoint;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        EventBodies.register(getCamelContext().getTypeConverterRegistry());
    }

    StowageServices services() {
        return services;
    }
}
