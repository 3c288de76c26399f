package org.stowage.routing.internal.placement;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.stowage.routing.internal.device.DeviceConstants;

/**
 * Collects the fan-out's answers into the pack's {@link PlacementProgress}: an ack for each device whose put
 * returned, the failure (device and cause) for each that threw. A failure is recorded, not propagated, so that one
 * failed device neither stops the others' writes nor fails the pack: the copies route replaces it by the next
 * device, and the acknowledgement fails the pack when no device took it, naming every failure. Stateless.
 */
final class AckAggregation implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        PlacementProgress progress = newExchange.getProperty(PlacementRoutes.PROP_PROGRESS, PlacementProgress.class);
        String deviceId = deviceId(newExchange);
        Exception failure = newExchange.getException();
        if (failure == null) {
            progress.acknowledged(deviceId);
        } else {
            progress.failed(deviceId, failure);
            newExchange.setException(null);
        }
        return oldExchange == null ? newExchange : oldExchange;
    }

    /** The device the write went to: the producer's header, or the recipient's URI if it was never reached. */
    private static String deviceId(Exchange exchange) {
        String id = exchange.getMessage().getHeader(DeviceConstants.DEVICE_ID, String.class);
        if (id != null) {
            return id;
        }
        String uri = exchange.getProperty(ExchangePropertyKey.RECIPIENT_LIST_ENDPOINT, String.class);
        return uri == null ? "(unknown)" : uri.replaceFirst("^" + DeviceConstants.SCHEME + ":(//)?", "");
    }
}
