package org.stowage.device.testkit;

/** The operations of a {@link org.stowage.api.device.Device} that {@link FaultyDevice} can disturb. */
public enum DeviceOperation {
    PUT, GET, STAT, LIST, DELETE, PROBE
}
