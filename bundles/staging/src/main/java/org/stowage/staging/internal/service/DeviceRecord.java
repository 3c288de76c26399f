package org.stowage.staging.internal.service;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.support.TrafficMeter;
import org.stowage.staging.internal.sizing.BusyHistory;

/**
 * What staging knows of one device id: the device object drains write to, its last polled status, its busy history
 * (for sizing), the traffic put through its views, and its drain's progress. Thread-safe: fields are volatile or
 * thread-safe themselves; {@link #draining} is the one-drain-per-device guard.
 */
final class DeviceRecord {

    /** Busy spells the sizing remembers per device (docs/staging.md: the longest of the last 8). */
    static final int REMEMBERED_BUSY_SPELLS = 8;
    /** Time constant of the put traffic: the sizing wants the rate of a backup run, not of the last seconds. */
    static final long PUT_TRAFFIC_TAU_NANOS = TimeUnit.MINUTES.toNanos(10);

    final String id;
    final BusyHistory history = new BusyHistory(REMEMBERED_BUSY_SPELLS);
    final TrafficMeter putTraffic = new TrafficMeter(PUT_TRAFFIC_TAU_NANOS, System::nanoTime);
    final AtomicBoolean draining = new AtomicBoolean();
    private volatile Device device;
    private volatile DeviceStatus lastStatus;
    private volatile double drainBytesPerSecond;
    private volatile String lastError = "";
    private volatile long driverBytes;

    DeviceRecord(String id) {
        this.id = id;
    }

    /** The device drains write to; null while no device with this id is available. */
    Device device() {
        return device;
    }

    /** The latest device object seen for this id (a service bound, or a device a view was asked for). */
    void attach(Device newDevice) {
        this.device = newDevice;
    }

    /** The staging room the device's driver asks for (its service's {@code device.staging.size}), 0 if none. */
    long driverBytes() {
        return driverBytes;
    }

    void driverBytes(long bytes) {
        this.driverBytes = Math.max(0, bytes);
    }

    /** Forgets the device if it is still this one (its service went away). */
    synchronized void detach(Device gone) {
        if (device == gone) {
            device = null;
        }
    }

    /**
     * Records a polled status: feeds the busy history (S1's busy/idle signal learnt per device).
     *
     * @return the previous polled state, or null at the first poll
     */
    DeviceState observe(DeviceStatus status, Instant at) {
        DeviceStatus previous = lastStatus;
        lastStatus = status;
        history.onState(status.state() == DeviceState.BUSY, at);
        return previous == null ? null : previous.state();
    }

    /** The last polled status, or null before the first poll. */
    DeviceStatus lastStatus() {
        return lastStatus;
    }

    double drainBytesPerSecond() {
        return drainBytesPerSecond;
    }

    void drainRate(double bytesPerSecond) {
        this.drainBytesPerSecond = bytesPerSecond;
    }

    String lastError() {
        return lastError;
    }

    void lastError(String error) {
        this.lastError = error == null ? "" : error;
    }
}
