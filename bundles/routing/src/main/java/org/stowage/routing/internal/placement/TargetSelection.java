package org.stowage.routing.internal.placement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.camel.Exchange;
import org.stowage.api.device.Device;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.placement.PackPlacement.PlacementRequest;
import org.stowage.api.placement.support.PlacementPlanner;
import org.stowage.api.selector.NodeSelector;
import org.stowage.routing.internal.device.DeviceConstants;
import org.stowage.routing.internal.device.DeviceRegistry;

/**
 * The selection stage: orders the online devices of the request for this pack with the one
 * {@link PlacementPlanner} (the same order the engine's direct placement would use), or takes every online device
 * for a pack placed everywhere, and starts the pack's {@link PlacementProgress}. Fails, naming the pack and every
 * device of the request, when no device can take it. Thread-safe.
 */
final class TargetSelection {

    private final DeviceRegistry devices;
    private final SelectorRegistry selectors;
    private final PlacementPlanner planner;

    TargetSelection(DeviceRegistry devices, SelectorRegistry selectors, DeviceSpeeds speeds) {
        this.devices = devices;
        this.selectors = selectors;
        this.planner = new PlacementPlanner(speeds);
    }

    /** Bean step of route {@value PlacementRoutes#PLACE_ROUTE_ID}. */
    public void select(Exchange exchange) throws IOException {
        PlacementRequest request = exchange.getProperty(PlacementRoutes.PROP_REQUEST, PlacementRequest.class);
        ByteBuffer pack = exchange.getMessage().getBody(ByteBuffer.class);
        List<Device> online = devices.online(request.devices());
        if (online.isEmpty()) {
            throw new IOException("cannot write " + request.name() + ": no device of the repository is online ("
                    + devices.describe(request.devices()) + ")");
        }
        PlacementProgress progress;
        if (request.everywhere()) {
            List<String> all = online.stream().map(device -> device.descriptor().id()).toList();
            progress = new PlacementProgress(request.name(), all, all.size());
        } else {
            List<String> order = planner.targets(request, pack.remaining(), online, devices::weight,
                    selector(request));
            if (order.isEmpty()) {
                throw new IOException("cannot write " + request.name() + ": selector '" + request.selector()
                        + "' accepted none of the online devices (" + devices.describe(request.devices()) + ")");
            }
            progress = new PlacementProgress(request.name(), order, request.copies());
        }
        exchange.setProperty(PlacementRoutes.PROP_PROGRESS, progress);
        exchange.getMessage().setHeader(DeviceConstants.BLOB_NAME, request.name());
    }

    /** The selector the request names; null (the request's order) when it names none. */
    private NodeSelector selector(PlacementRequest request) throws IOException {
        String name = request.selector();
        if (name.isEmpty()) {
            return null;
        }
        return selectors.named(name).orElseThrow(() -> new IOException("cannot write " + request.name()
                + ": the node selector '" + name + "' is not installed (installed: "
                + (selectors.names().isEmpty() ? "none" : selectors.names()) + "); install its bundle or set "
                + "'selector' to another one"));
    }
}
