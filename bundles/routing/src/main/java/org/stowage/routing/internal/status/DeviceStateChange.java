package org.stowage.routing.internal.status;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.stowage.api.device.DeviceState;

/**
 * A device's state changed between two polls: what the device status route publishes.
 *
 * @param deviceId the device's id
 * @param state    its state now
 * @param previous its state at the poll before, or null when the device was not known then (first poll after
 *                 start, or its service was registered since)
 * @param reason   the device's reason for the new state (empty when idle for no reason)
 * @param at       when the poll saw it
 */
public record DeviceStateChange(String deviceId, DeviceState state, DeviceState previous, String reason,
                                Instant at) {

    /** The EventAdmin topic of device state changes. */
    public static final String TOPIC = "org/stowage/device/STATE_CHANGED";
    /** Event property (String): the device id. */
    public static final String PROP_DEVICE_ID = "device.id";
    /** Event property (String): IDLE, BUSY or OFFLINE. */
    public static final String PROP_STATE = "state";
    /** Event property (String): the state before: IDLE, BUSY, OFFLINE, or UNKNOWN when the device is new. */
    public static final String PROP_PREVIOUS_STATE = "previous.state";
    /** Event property (String): why the device is in that state; may be empty. */
    public static final String PROP_REASON = "reason";
    /** Event property (Long): when the poll saw the change, milliseconds since the epoch. */
    public static final String PROP_TIMESTAMP = "timestamp";
    /** {@link #PROP_PREVIOUS_STATE} of a device that was not known before. */
    public static final String UNKNOWN = "UNKNOWN";

    public DeviceStateChange {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(at, "at");
    }

    /** {@link #previous} as a name, {@value #UNKNOWN} for a new device. */
    public String previousName() {
        return previous == null ? UNKNOWN : previous.name();
    }

    /** The properties of the EventAdmin event (never null values). */
    public Map<String, Object> eventProperties() {
        return Map.of(PROP_DEVICE_ID, deviceId, PROP_STATE, state.name(), PROP_PREVIOUS_STATE, previousName(),
                PROP_REASON, reason, PROP_TIMESTAMP, at.toEpochMilli());
    }

    @Override
    public String toString() {
        return "device '" + deviceId + "' " + previousName() + " -> " + state + (reason.isEmpty() ? "" : " (" + reason
                + ")");
    }
}
