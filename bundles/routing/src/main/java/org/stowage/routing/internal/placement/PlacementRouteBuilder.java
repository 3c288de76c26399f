package org.stowage.routing.internal.placement;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.placement.PackPlacement.PlacementRequest;
import org.stowage.routing.internal.device.DeviceConstants;
import org.stowage.routing.internal.device.DeviceRegistry;

/**
 * The placement routes, the way a finished pack leaves the engine (docs/design.md, "Placement routes"):
 * <ol>
 *   <li>{@value PlacementRoutes#PLACE_ROUTE_ID}: the selector orders the online devices
 *       ({@link TargetSelection}); the pack goes on to the copies or the everywhere route;</li>
 *   <li>{@value PlacementRoutes#COPIES_ROUTE_ID}: rounds of writes to the next untried devices until
 *       {@code copies} are durable or the order is used up (failover);</li>
 *   <li>{@value PlacementRoutes#EVERYWHERE_ROUTE_ID}: one round to every online device;</li>
 *   <li>{@value PlacementRoutes#FANOUT_ROUTE_ID}: a round's writes, at once, one {@code stowage-device:<id>}
 *       endpoint per device, each answer collected as an ack or a failure;</li>
 *   <li>{@value PlacementRoutes#ACK_ROUTE_ID}: the reply (the devices that hold a durable copy), a warning when
 *       fewer than wanted, or the failure that names every device tried.</li>
 * </ol>
 * The same semantics as the engine's direct placement, which serves when these routes are not installed.
 */
public final class PlacementRouteBuilder extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PlacementRouteBuilder.class);

    private final TargetSelection selection;

    public PlacementRouteBuilder(DeviceRegistry devices, SelectorRegistry selectors, DeviceSpeeds speeds) {
        this.selection = new TargetSelection(devices, selectors, speeds);
    }

    @Override
    public void configure() {
        // No error handler: a failed device write is an answer the acknowledgement weighs (and the next device
        // replaces), not something to redeliver; a failure that ends a placement goes back to place()'s caller.
        errorHandler(noErrorHandler());
        // Unbounded like the engine's copy writers: every uploader's copies are written at once, never queued.
        ExecutorService writers = getContext().getExecutorServiceManager()
                .newCachedThreadPool(this, "stowage-device-writer");

        from(PlacementRoutes.PLACE).routeId(PlacementRoutes.PLACE_ROUTE_ID)
                .bean(selection, "select")
                // content-based router: tree packs go everywhere, data packs to `copies` devices
                .choice()
                    .when(exchange -> request(exchange).everywhere()).to(PlacementRoutes.EVERYWHERE)
                    .otherwise().to(PlacementRoutes.COPIES)
                .end();

        from(PlacementRoutes.COPIES).routeId(PlacementRoutes.COPIES_ROUTE_ID)
                // a do-while loop, not loadBalance().failover(): the list to fail over along is the selector's
                // order for this one pack, and each round writes all missing copies at once
                .loopDoWhile(exchange -> progress(exchange).wantsMore())
                    .process(PlacementRouteBuilder::nextRound)
                    .to(PlacementRoutes.FANOUT)
                .end()
                .to(PlacementRoutes.ACK);

        from(PlacementRoutes.EVERYWHERE).routeId(PlacementRoutes.EVERYWHERE_ROUTE_ID)
                // one round to every online device: there is no device left to fail over to
                .process(PlacementRouteBuilder::nextRound)
                .to(PlacementRoutes.FANOUT)
                .to(PlacementRoutes.ACK);

        from(PlacementRoutes.FANOUT).routeId(PlacementRoutes.FANOUT_ROUTE_ID)
                // parallel recipient list: a pack's copies are written at once, and every device answers (no
                // stopOnException) so that the aggregation can count acks and name failures
                .recipientList(header(PlacementRoutes.HEADER_TARGETS))
                    .parallelProcessing().executorService(writers)
                    .aggregationStrategy(new AckAggregation())
                .end();

        from(PlacementRoutes.ACK).routeId(PlacementRoutes.ACK_ROUTE_ID)
                .process(PlacementRouteBuilder::acknowledge);
    }

    /** Sets the round's endpoints: the next untried devices, as many as copies are missing. */
    private static void nextRound(Exchange exchange) {
        List<String> round = progress(exchange).nextRound();
        exchange.getMessage().removeHeader(DeviceConstants.DEVICE_ID);
        exchange.getMessage().setHeader(PlacementRoutes.HEADER_TARGETS,
                round.stream().map(DeviceConstants::putUri).toList());
    }

    /** Replies with the durable devices; fails naming every device tried when there is none. */
    private static void acknowledge(Exchange exchange) throws IOException {
        PlacementProgress progress = progress(exchange);
        List<String> durable = progress.durable();
        List<String> failures = progress.failures();
        if (durable.isEmpty()) {
            throw new IOException("cannot write " + progress.name() + " to any device: "
                    + String.join("; ", failures));
        }
        if (!failures.isEmpty() || durable.size() < progress.wanted()) {
            LOG.warn("{} is on {} of {} wanted device(s) {}{}", progress.name(), durable.size(), progress.wanted(),
                    durable, failures.isEmpty() ? "" : " after failures: " + String.join("; ", failures));
        }
        exchange.getMessage().removeHeaders("Stowage*");
        exchange.getMessage().setBody(durable);
    }

    private static PlacementRequest request(Exchange exchange) {
        return exchange.getProperty(PlacementRoutes.PROP_REQUEST, PlacementRequest.class);
    }

    private static PlacementProgress progress(Exchange exchange) {
        return exchange.getProperty(PlacementRoutes.PROP_PROGRESS, PlacementProgress.class);
    }
}
