package org.stowage.routing.internal.component;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.routing.internal.status.DeviceStateChange;

/**
 * The installation's one source of {@code stowage:events}: the job routes, the stowage: producers, the device status
 * route and the drain route publish here, and every events consumer of every CamelContext (Stowage's and
 * integrators') subscribes. Publishing calls each subscriber in the publisher's thread; subscribers hand the event
 * off at once (the consumer queues it), so a slow route never delays a backup. A subscriber that throws is logged and
 * the others still get the event. Thread-safe.
 */
public final class StowageEvents {

    private static final Logger LOG = LoggerFactory.getLogger(StowageEvents.class);

    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public StowageEvents(Clock clock) {
        this.clock = clock;
    }

    /** Delivers every event of {@code types} to {@code subscriber} until the returned handle is closed. */
    AutoCloseable subscribe(Set<StowageEventType> types, Consumer<StowageEvent> subscriber) {
        Subscription subscription = new Subscription(Set.copyOf(types), subscriber);
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    public void publish(StowageEvent event) {
        for (Subscription s : subscriptions) {
            if (s.types().contains(event.type())) {
                try {
                    s.subscriber().accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("A stowage:events subscriber failed on {}: {}", event, e.toString(), e);
                }
            }
        }
    }

    /** Publishes an event of now. */
    public void publish(StowageEventType type, String jobName, String deviceId, String reason, Object body) {
        publish(new StowageEvent(type, clock.instant(), jobName, deviceId, reason, body));
    }

    /** A device's state change as DEVICE_BUSY, DEVICE_IDLE or DEVICE_OFFLINE, at the time its poll saw it. */
    public void device(DeviceStateChange change) {
        publish(new StowageEvent(StowageEventType.of(change.state()), change.at(), null, change.deviceId(),
                change.reason().isEmpty() ? null : change.reason(), change));
    }

    private record Subscription(Set<StowageEventType> types, Consumer<StowageEvent> subscriber) {
    }
}
