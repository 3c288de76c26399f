package org.stowage.routing.internal.component;

import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Runs one operation per exchange, in the caller's thread, and waits for it (a backup may take hours: put a
 * {@code seda:} or {@code threads()} in front where the caller must not wait). Thread-safe: the operations keep no
 * state between exchanges.
 */
final class StowageProducer extends DefaultProducer {

    private final StowageEndpoint endpoint;
    private ExecutorService dumpers;
    private BackupOperation backup;
    private RestoreOperation restore;
    private QueryOperations queries;
    private MaintenanceOperations maintenance;

    StowageProducer(StowageEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // restore streams a file from a thread of this pool while the route reads it
        dumpers = endpoint.getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "stowage-dump");
        backup = new BackupOperation(endpoint);
        restore = new RestoreOperation(endpoint, dumpers);
        queries = new QueryOperations(endpoint);
        maintenance = new MaintenanceOperations(endpoint);
    }

    @Override
    protected void doStop() throws Exception {
        if (dumpers != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdown(dumpers);
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        switch (endpoint.operation()) {
            case BACKUP -> backup.process(exchange);
            case RESTORE -> restore.process(exchange);
            case SNAPSHOTS -> queries.snapshots(exchange);
            case LS -> queries.ls(exchange);
            case CHECK -> maintenance.check(exchange);
            case FORGET -> maintenance.forget(exchange);
            case EVENTS -> throw new IllegalStateException("stowage:events has no producer");
        }
    }
}
