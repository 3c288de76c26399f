package org.stowage.routing.internal.component;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of {@code stowage:events}. Immutable.
 *
 * @param type     what happened
 * @param time     when
 * @param jobName  the job it concerns, or null
 * @param deviceId the device it concerns, or null
 * @param reason   why (a failure's message, a device's reason), or null
 * @param body     the typed detail the consumer's message carries (see {@link StowageEventType})
 */
public record StowageEvent(StowageEventType type, Instant time, String jobName, String deviceId, String reason,
                           Object body) {

    public StowageEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    @Override
    public String toString() {
        return type + (jobName == null ? "" : " job '" + jobName + "'")
                + (deviceId == null ? "" : " device '" + deviceId + "'") + (reason == null ? "" : ": " + reason);
    }
}
