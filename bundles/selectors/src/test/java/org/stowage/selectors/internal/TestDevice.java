package org.stowage.selectors.internal;

import java.util.Arrays;
import java.util.List;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.selector.NodeSelector.Candidate;

/** Builds the candidates the tests hand to selectors: an idle device with nothing measured, unless told. */
final class TestDevice {

    static final long MIB = 1L << 20;
    static final double MB_S = 1_000_000;

    private final String id;
    private final DeviceKind kind;
    private final AccessType access;
    private DeviceState state = DeviceState.IDLE;
    private double traffic;
    private int queueDepth;
    private long freeBytes = -1;
    private List<Double> speeds = List.of();
    private int weight = 1;

    private TestDevice(String id, DeviceKind kind, AccessType access) {
        this.id = id;
        this.kind = kind;
        this.access = access;
    }

    static TestDevice disk(String id) {
        return new TestDevice(id, DeviceKind.DISK, AccessType.RANDOM);
    }

    static TestDevice flash(String id) {
        return new TestDevice(id, DeviceKind.FLASH, AccessType.RANDOM);
    }

    static TestDevice object(String id) {
        return new TestDevice(id, DeviceKind.OBJECT, AccessType.RANDOM);
    }

    static TestDevice tape(String id) {
        return new TestDevice(id, DeviceKind.TAPE, AccessType.SEQUENTIAL);
    }

    TestDevice state(DeviceState newState) {
        this.state = newState;
        return this;
    }

    TestDevice busy() {
        return state(DeviceState.BUSY);
    }

    TestDevice offline() {
        return state(DeviceState.OFFLINE);
    }

    /** Recent measured speeds in MB/s, oldest first. */
    TestDevice speeds(double... megabytesPerSecond) {
        this.speeds = Arrays.stream(megabytesPerSecond).map(speed -> speed * MB_S).boxed().toList();
        return this;
    }

    /** The driver's traffic figure in MB/s. */
    TestDevice traffic(double megabytesPerSecond) {
        this.traffic = megabytesPerSecond * MB_S;
        return this;
    }

    TestDevice queue(int depth) {
        this.queueDepth = depth;
        return this;
    }

    TestDevice free(long bytes) {
        this.freeBytes = bytes;
        return this;
    }

    TestDevice weight(int share) {
        this.weight = share;
        return this;
    }

    Candidate build() {
        return new Candidate(new DeviceDescriptor(id, kind == DeviceKind.TAPE ? "tape" : "disk", kind, access, 0),
                new DeviceStatus(state, "", traffic, queueDepth, 0, freeBytes), speeds, weight);
    }

    static List<Candidate> all(TestDevice... devices) {
        return Arrays.stream(devices).map(TestDevice::build).toList();
    }
}
