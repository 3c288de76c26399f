package org.stowage.device.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.stowage.api.device.DeviceException;

/**
 * The faults that struck one call of a {@link FaultyDevice}, and what they do to it: throw before the call reaches
 * the device, throw after it completed, or damage what a get returns. Used by one thread, for one call.
 */
final class Strikes {

    /** One fault striking one call. */
    private record Hit(ArmedFault fault, long call) {
    }

    static final Strikes NONE = new Strikes("", DeviceOperation.STAT, "");

    private final String deviceId;
    private final DeviceOperation operation;
    private final String target;
    private final List<Hit> hits = new ArrayList<>(1);

    Strikes(String deviceId, DeviceOperation operation, String target) {
        this.deviceId = deviceId;
        this.operation = operation;
        this.target = target;
    }

    void add(ArmedFault fault, long call) {
        hits.add(new Hit(fault, call));
    }

    boolean isEmpty() {
        return hits.isEmpty();
    }

    /** Throws for the first fault that strikes before the call reaches the device (a removal first of all). */
    void beforeCall() throws IOException {
        for (Hit hit : hits) {
            if (hit.fault.effect() == Fault.Effect.REMOVED) {
                throw new DeviceException(deviceId, FaultyDevice.INJECTED + "device removed; the "
                        + operation.name().toLowerCase() + " of " + target + " was not recorded");
            }
        }
        for (Hit hit : hits) {
            if (!hit.fault.afterCall()) {
                strike(hit);
            }
        }
    }

    /** Throws for the first failure or timeout that strikes after the call completed (a lost reply). */
    void afterCall() throws IOException {
        for (Hit hit : hits) {
            if (hit.fault.afterCall()) {
                strike(hit);
            }
        }
    }

    /** What a get returns once the corrupting faults struck it; {@code data} itself is never changed. */
    ByteBuffer damage(ByteBuffer data) {
        ByteBuffer result = data;
        for (Hit hit : hits) {
            if (hit.fault.effect() == Fault.Effect.FLIP_BYTE && result.hasRemaining()) {
                result = flip(result, result.remaining() / 2);
            } else if (hit.fault.effect() == Fault.Effect.TRUNCATE) {
                result = result.duplicate();
                result.limit(result.position() + result.remaining() / 2);
            }
        }
        return result;
    }

    /** A copy of {@code data} with the byte at {@code index} (relative to its position) inverted. */
    static ByteBuffer flip(ByteBuffer data, int index) {
        ByteBuffer copy = data.isDirect() ? ByteBuffer.allocateDirect(data.remaining())
                : ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        copy.put(index, (byte) ~copy.get(index));
        return copy;
    }

    private void strike(Hit hit) throws IOException {
        String what = operation.name().toLowerCase() + " of " + target;
        String why = " (call #" + hit.call + ", fault: " + hit.fault + ")";
        switch (hit.fault.effect()) {
            case FAIL -> throw new DeviceException(deviceId, FaultyDevice.INJECTED + what + " failed" + why);
            case TIMEOUT -> {
                hang(hit.fault.hang().toNanos(), what);
                throw new DeviceException(deviceId, FaultyDevice.INJECTED + what + " timed out after "
                        + hit.fault.hang() + why, new TimeoutException(what));
            }
            default -> {
                // corruption acts on the returned data (damage), removal before every call (beforeCall)
            }
        }
    }

    private static void hang(long nanos, String what) throws InterruptedIOException {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the " + what + " hung in an injected timeout");
            }
        }
    }
}
