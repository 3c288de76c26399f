package org.stowage.routing.internal.component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from("stowage:events?types=...")}: one exchange per event of the chosen types, in the order they were
 * published, on one thread of its own. Events are queued, not processed in the publisher's thread, so that a slow or
 * failing route never delays or fails the backup, check or poll that published them; at most {@code queueSize} wait,
 * beyond that new ones are dropped with a warning. A failing exchange goes to the consumer's exception handler
 * (logged), and the next event is delivered.
 */
final class EventsConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EventsConsumer.class);

    private final StowageEndpoint endpoint;
    private final AtomicInteger waiting = new AtomicInteger();
    private ExecutorService worker;
    private AutoCloseable subscription;

    EventsConsumer(StowageEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ThreadPoolProfile profile = new ThreadPoolProfile("stowage-events");
        profile.setPoolSize(1);
        profile.setMaxPoolSize(1);
        // bounded by the waiting counter, which warns about what it drops (-1 would make Camel hand off synchronously)
        profile.setMaxQueueSize(Integer.MAX_VALUE);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        worker = endpoint.getCamelContext().getExecutorServiceManager().newThreadPool(this, "stowage-events", profile);
        StowageConfiguration config = endpoint.getConfiguration();
        subscription = endpoint.services().events().subscribe(StowageEventType.parse(config.getTypes()),
                this::enqueue);
    }

    @Override
    protected void doStop() throws Exception {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (worker != null) {
            endpoint.getCamelContext().getExecutorServiceManager().shutdown(worker);
            worker = null;
        }
        super.doStop();
    }

    private void enqueue(StowageEvent event) {
        if (waiting.incrementAndGet() > endpoint.getConfiguration().getQueueSize()) {
            waiting.decrementAndGet();
            LOG.warn("{}: {} events wait for this route already; dropped {}", endpoint.getEndpointUri(),
                    endpoint.getConfiguration().getQueueSize(), event);
            return;
        }
        worker.execute(() -> {
            waiting.decrementAndGet();
            deliver(event);
        });
    }

    private void deliver(StowageEvent event) {
        Exchange exchange = createExchange(false);
        try {
            Message message = exchange.getMessage();
            message.setBody(event.body());
            message.setHeader(StowageConstants.EVENT_TYPE, event.type().name());
            message.setHeader(StowageConstants.EVENT_TIME, event.time());
            setIfPresent(message, StowageConstants.JOB_NAME, event.jobName());
            setIfPresent(message, StowageConstants.DEVICE_ID, event.deviceId());
            setIfPresent(message, StowageConstants.REASON, event.reason());
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Routing the Stowage event " + event + " failed", exchange,
                    exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    private static void setIfPresent(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        }
    }
}
