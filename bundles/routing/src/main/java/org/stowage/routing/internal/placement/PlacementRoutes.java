package org.stowage.routing.internal.placement;

/**
 * Endpoints, route ids and exchange properties of the placement routes. One exchange carries one pack from
 * {@link #PLACE} to its reply: the body is the pack's {@code ByteBuffer} (never copied) until the acknowledgement
 * replaces it by the list of device ids that hold a durable copy.
 */
public final class PlacementRoutes {

    /** Entry: where {@link RoutePlacement#place} sends each pack. */
    public static final String PLACE = "direct:stowage-placement";
    /** Seam: the packs written to {@code copies} devices, failing over along the selector's order. */
    static final String COPIES = "direct:stowage-placement-copies";
    /** Seam: the packs written to every online device (tree packs). */
    static final String EVERYWHERE = "direct:stowage-placement-everywhere";
    /** Seam: one round of writes, to the devices in header {@link #HEADER_TARGETS}, at once. */
    static final String FANOUT = "direct:stowage-placement-fanout";
    /** Seam: the reply, or the failure that names every device tried. */
    static final String ACK = "direct:stowage-placement-ack";

    public static final String PLACE_ROUTE_ID = "stowage-placement-select";
    public static final String COPIES_ROUTE_ID = "stowage-placement-copies";
    public static final String EVERYWHERE_ROUTE_ID = "stowage-placement-everywhere";
    public static final String FANOUT_ROUTE_ID = "stowage-placement-fanout";
    public static final String ACK_ROUTE_ID = "stowage-placement-ack";

    /** Property ({@code PackPlacement.PlacementRequest}): what to place and where it may go; set by the caller. */
    public static final String PROP_REQUEST = "StowagePlacementRequest";
    /** Property ({@link PlacementProgress}): the pack's device order, acks and failures; set by the selection. */
    static final String PROP_PROGRESS = "StowagePlacementProgress";
    /** Header (List of endpoint URIs): the devices of the current round of writes. */
    static final String HEADER_TARGETS = "StowagePlacementTargets";

    private PlacementRoutes() {
    }
}
