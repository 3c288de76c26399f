package org.stowage.routing.internal.status;

import java.util.function.Consumer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.DeviceState;

/**
 * The device status routes: {@value StatusRoutes#STATUS_ROUTE_ID} polls every device's status on a timer
 * and queues each transition; {@value StatusRoutes#EVENTS_ROUTE_ID} takes them from the queue one by one, in order,
 * posts each as an OSGi event (topic {@value DeviceStateChange#TOPIC}) and hands it to the route that consumes
 * {@value StatusRoutes#STATE_CHANGED}, if there is one.
 */
public final class DeviceStatusRouteBuilder extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceStatusRouteBuilder.class);

    private final DeviceStatusPoller poller;
    private final long intervalMillis;
    private final Consumer<DeviceStateChange> events;

    /** @param events where each change is posted besides the queue (EventAdmin in Karaf) */
    public DeviceStatusRouteBuilder(DeviceStatusPoller poller, long intervalMillis,
                                    Consumer<DeviceStateChange> events) {
        this.poller = poller;
        this.intervalMillis = intervalMillis;
        this.events = events;
    }

    @Override
    public void configure() {
        from(StatusRoutes.everyMillis("status", intervalMillis, intervalMillis))
                .routeId(StatusRoutes.STATUS_ROUTE_ID)
                .process(exchange -> exchange.getMessage().setBody(poller.poll()))
                // splitter: one message per transition, so that each consumer handles one device's change at a time
                .split(body())
                    .process(DeviceStatusRouteBuilder::describe)
                    .to(StatusRoutes.STATE_QUEUE)
                .end();

        // one SEDA consumer thread: listeners see each device's changes in the order the polls saw them
        from(StatusRoutes.STATE_QUEUE).routeId(StatusRoutes.EVENTS_ROUTE_ID)
                .process(exchange -> events.accept(exchange.getMessage().getBody(DeviceStateChange.class)))
                .to(StatusRoutes.STATE_CHANGED + "?block=false&failIfNoConsumers=false");
    }

    private static void describe(Exchange exchange) {
        Message message = exchange.getMessage();
        DeviceStateChange change = message.getBody(DeviceStateChange.class);
        // A busy disk flips IDLE <-> BUSY with its writes in flight: only changes to and from OFFLINE (and a device
        // seen for the first time) are worth an operator's attention in the log.
        if (change.state() == DeviceState.OFFLINE || change.previous() == DeviceState.OFFLINE
                || change.previous() == null) {
            LOG.info("{}", change);
        } else {
            LOG.debug("{}", change);
        }
        message.setHeader(StatusRoutes.HEADER_DEVICE_ID, change.deviceId());
        message.setHeader(StatusRoutes.HEADER_STATE, change.state().name());
        message.setHeader(StatusRoutes.HEADER_PREVIOUS_STATE, change.previousName());
        message.setHeader(StatusRoutes.HEADER_REASON, change.reason());
    }
}
