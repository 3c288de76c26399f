package org.stowage.routing.internal.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Back up, restore, list, check and apply retention to a Stowage repository, and receive Stowage's events. A
 * stowage:operation endpoint is a producer for backup, restore, snapshots, ls, check and forget, and a consumer for
 * events; each option's label names the operations it applies to.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = StowageConstants.SCHEME, title = "Stowage",
        syntax = "stowage:operation", category = {Category.FILE}, headersClass = StowageConstants.class)
public final class StowageEndpoint extends DefaultEndpoint {

    private final StowageOperation operation;
    @UriParam
    private final StowageConfiguration configuration;

    StowageEndpoint(String uri, StowageComponent component, StowageOperation operation,
                    StowageConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    /** Refuses option combinations that cannot work, naming the option to change, when the route is built. */
    void validate() {
        String uri = getEndpointUri();
        if (operation == StowageOperation.BACKUP && configuration.getPaths() != null
                && configuration.getJob() != null) {
            throw new IllegalArgumentException(uri + ": give paths or job, not both (a job has its own paths)");
        }
        if (operation == StowageOperation.BACKUP && configuration.getReplicas() != null
                && (configuration.getJob() != null || configuration.getPaths() == null
                || configuration.getPaths().contains(","))) {
            throw new IllegalArgumentException(uri + ": replicas needs exactly one path in paths (the logical path the"
                    + " snapshot records) and no job, e.g. paths=/data&replicas=/mnt/a/data,/mnt/b/data");
        }
        if (operation == StowageOperation.FORGET && (configuration.getPolicy() == null
                || configuration.getPolicy().isBlank())) {
            throw new IllegalArgumentException(uri + ": forget needs a policy, e.g. policy=last=7,daily=14");
        }
        if (configuration.getCopies() < 0 || configuration.getQueueSize() < 1) {
            throw new IllegalArgumentException(uri + ": copies must be 0 or more and queueSize at least 1");
        }
        StowageEventType.parse(configuration.getTypes()); // fails naming the unknown type
    }

    @Override
    public Producer createProducer() {
        if (operation.isConsumer()) {
            throw new IllegalArgumentException(getEndpointUri() + ": events is a consumer: use it in from(...), "
                    + "not in to(...)");
        }
        return new StowageProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!operation.isConsumer()) {
            throw new IllegalArgumentException(getEndpointUri() + ": only stowage:events can start a route; "
                    + operation.name().toLowerCase(java.util.Locale.ROOT) + " is a producer: use it in to(...)");
        }
        EventsConsumer consumer = new EventsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    public StowageConfiguration getConfiguration() {
        return configuration;
    }

    StowageOperation operation() {
        return operation;
    }

    StowageServices services() {
        return ((StowageComponent) getComponent()).services();
    }
}
