package org.stowage.routing.internal.status;

import java.util.Optional;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.stowage.routing.internal.component.StowageEventType;
import org.stowage.routing.internal.component.StowageEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.DeviceState;
import org.stowage.api.staging.DrainResult;
import org.stowage.api.staging.StagingService;

/**
 * The drain route ({@value #DRAIN_ROUTE_ID}): a device that turns IDLE after being BUSY gets what waits for it in
 * staging (source design S1: busy → stage, idle → drain), as soon as the status poll sees the transition. It consumes
 * {@value StatusRoutes#STATE_CHANGED} and hands each IDLE transition to {@value #DRAIN_QUEUE}, whose consumers drain:
 * a drain takes as long as the device needs for what is staged, so it must not hold up the state changes of the
 * other devices, and one consumer per device would be unbounded, so {@value #DRAINERS} drain at once (the staging
 * service runs at most one drain per device and answers a second one with ALREADY_DRAINING).
 *
 * <p>Without a staging service (stowage-staging not installed) the route does nothing. The staging service drains by
 * itself too, on its own status poll: this route only makes the drain start at the transition.
 */
public final class DrainRouteBuilder extends RouteBuilder {

    public static final String DRAIN_ROUTE_ID = "stowage-staging-drain";
    public static final String ON_IDLE_ROUTE_ID = "stowage-staging-on-idle";
    static final String DRAIN_QUEUE = "seda:stowage-staging-drain";
    static final int DRAINERS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(DrainRouteBuilder.class);

    private final Supplier<Optional<StagingService>> staging;
    private final StowageEvents events;

    public DrainRouteBuilder(Supplier<Optional<StagingService>> staging, StowageEvents events) {
        this.staging = staging;
        this.events = events;
    }

    @Override
    public void configure() {
        from(StatusRoutes.STATE_CHANGED).routeId(ON_IDLE_ROUTE_ID)
                .filter(header(StatusRoutes.HEADER_STATE).isEqualTo(DeviceState.IDLE.name()))
                .filter(header(StatusRoutes.HEADER_PREVIOUS_STATE).isEqualTo(DeviceState.BUSY.name()))
                .to(DRAIN_QUEUE + "?waitForTaskToComplete=Never");

        from(DRAIN_QUEUE + "?concurrentConsumers=" + DRAINERS).routeId(DRAIN_ROUTE_ID)
                .process(this::drain);
    }

    private void drain(Exchange exchange) throws Exception {
        String deviceId = exchange.getMessage().getHeader(StatusRoutes.HEADER_DEVICE_ID, String.class);
        Optional<StagingService> service = staging.get();
        if (service.isEmpty() || service.get().report(deviceId).map(d -> d.stagedItems() == 0).orElse(true)) {
            return; // nothing staged for it: the common case of a device that was busy with its own work
        }
        DrainResult result = service.get().drain(deviceId);
        exchange.getMessage().setBody(result);
        LOG.info("Drain of device '{}' after it turned idle: {}", deviceId, result);
        events.publish(StowageEventType.STAGING_DRAINED, null, deviceId, null, result);
    }
}
