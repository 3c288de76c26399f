package org.stowage.routing.internal.status;

/**
 * Endpoints, route ids and headers of the device status and probe routes.
 *
 * <p>A route that acts on device state changes (a drain route) consumes {@link #STATE_CHANGED}: one message per
 * transition, in the order the polls saw them, body a {@link DeviceStateChange}, headers {@link #HEADER_DEVICE_ID},
 * {@link #HEADER_STATE}, {@link #HEADER_PREVIOUS_STATE}, {@link #HEADER_REASON} (Strings; the previous state is
 * {@value DeviceStateChange#UNKNOWN} for a device not known before). It is a {@code direct:} endpoint, so it has one
 * consumer route; a second listener is added by multicasting from that route (sequentially, to keep the order), or
 * listens to the EventAdmin topic {@value DeviceStateChange#TOPIC} instead.
 */
public final class StatusRoutes {

    /** The queue between the poll and the listeners: a slow listener never delays the next poll. */
    static final String STATE_QUEUE = "seda:stowage-device-state";
    /** Where routes consume state changes; nobody consuming is not an error, and nothing waits for a consumer. */
    public static final String STATE_CHANGED = "direct:stowage-device-state-changed";

    public static final String STATUS_ROUTE_ID = "stowage-device-status";
    public static final String EVENTS_ROUTE_ID = "stowage-device-events";
    public static final String PROBE_ROUTE_ID = "stowage-device-probe";

    public static final String HEADER_DEVICE_ID = "StowageDeviceId";
    public static final String HEADER_STATE = "StowageDeviceState";
    public static final String HEADER_PREVIOUS_STATE = "StowagePreviousState";
    public static final String HEADER_REASON = "StowageDeviceReason";

    private StatusRoutes() {
    }

    /**
     * A timer every {@code intervalMillis}, the first after {@code delayMillis}. A timer, not Quartz (which schedules
     * the jobs' calendars): a fixed period needs no calendar, and Quartz's worker threads are held by running backups,
     * which must not delay a poll. Each timer has its own thread, so a slow run delays the next instead of
     * overlapping it.
     */
    static String everyMillis(String name, long intervalMillis, long delayMillis) {
        return "timer://stowage-device-" + name + "?period=" + intervalMillis + "&delay=" + delayMillis
                + "&fixedRate=false";
    }
}
