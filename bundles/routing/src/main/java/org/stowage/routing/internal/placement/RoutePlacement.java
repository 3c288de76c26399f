package org.stowage.routing.internal.placement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.stowage.api.placement.PackPlacement;

/**
 * {@link PackPlacement} through the placement routes: each pack is one exchange sent into
 * {@value PlacementRoutes#PLACE} with the component's one {@link ProducerTemplate}, in the caller's (the engine's
 * uploader's) thread; the body is the pack's buffer itself, not a copy. The reply lists the devices that hold a
 * durable copy; a failure comes back as the {@link IOException} that names the pack and every device tried.
 *
 * <p>Thread-safe: the template and the routes serve the engine's uploader threads at once.
 */
public final class RoutePlacement implements PackPlacement {

    private final ProducerTemplate template;
    private final Endpoint place;

    /** @param template the owning component's template, started; the routes of {@link PlacementRouteBuilder} */
    public RoutePlacement(CamelContext camel, ProducerTemplate template) {
        this.template = template;
        this.place = camel.getEndpoint(PlacementRoutes.PLACE);
    }

    @Override
    public List<String> place(PlacementRequest request, ByteBuffer pack) throws IOException {
        Exchange exchange = template.send(place, e -> {
            e.setProperty(PlacementRoutes.PROP_REQUEST, request);
            e.getMessage().setBody(pack);
        });
        Exception failure = exchange.getException();
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure != null) {
            throw new IOException("placing " + request.name() + " through the placement routes failed: " + failure,
                    failure);
        }
        List<?> durable = exchange.getMessage().getBody(List.class);
        return durable.stream().map(String.class::cast).toList();
    }
}
