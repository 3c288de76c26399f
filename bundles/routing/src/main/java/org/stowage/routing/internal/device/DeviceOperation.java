package org.stowage.routing.internal.device;

/** What a {@code stowage-device} endpoint does with an exchange. */
public enum DeviceOperation {
    /** Stores the body (a pack) under the {@link DeviceConstants#BLOB_NAME} header, durably. */
    PUT,
    /** Moves test data the device does not keep and answers with the {@code ProbeResult}. */
    PROBE
}
