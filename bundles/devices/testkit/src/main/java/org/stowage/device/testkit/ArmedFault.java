package org.stowage.device.testkit;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;

/**
 * A {@link Fault} armed on a {@link FaultyDevice}: a copy of the spec with its own call counter. Thread-safe;
 * {@link #disarm()} takes effect for every call that starts afterwards (a call already hanging in a timeout still
 * times out).
 */
public final class ArmedFault {

    private final FaultyDevice device;
    private final Fault.Effect effect;
    private final Duration hang;
    private final Set<DeviceOperation> operations;
    private final Set<BlobType> types;
    private final Predicate<BlobName> names;
    private final boolean anyName;
    private final boolean afterCall;
    private final String description;
    private final Schedule.Counter counter;
    private final AtomicLong fired = new AtomicLong();

    ArmedFault(FaultyDevice device, Fault spec) {
        this.device = device;
        this.effect = spec.effect;
        this.hang = spec.hang;
        this.operations = EnumSet.copyOf(spec.operations);
        this.types = EnumSet.copyOf(spec.types);
        this.names = spec.names;
        this.anyName = spec.namesDescription.isEmpty();
        this.afterCall = spec.afterCall;
        this.description = spec.toString();
        this.counter = spec.schedule.counter();
    }

    /** Stops this fault; the device behaves as if it had never been armed for calls that start afterwards. */
    public void disarm() {
        device.disarm(this);
    }

    /** How many calls this fault struck so far. */
    public long fired() {
        return fired.get();
    }

    /** How many calls matched its operations, types and names so far (struck or not). */
    public long calls() {
        return counter.calls();
    }

    Fault.Effect effect() {
        return effect;
    }

    Duration hang() {
        return hang;
    }

    boolean afterCall() {
        return afterCall;
    }

    /**
     * Counts the call if it matches and says whether this fault strikes it: the call number, else 0.
     *
     * @param type the blob type of the call, null for a probe
     * @param name the blob of the call, null for a list or probe
     */
    long strikes(DeviceOperation operation, BlobType type, BlobName name) {
        boolean matches = operations.contains(operation)
                && (type == null ? types.size() == BlobType.values().length : types.contains(type))
                && (name == null ? anyName : names.test(name));
        if (!matches) {
            return 0;
        }
        long call = counter.next();
        if (call > 0) {
            fired.incrementAndGet();
        }
        return call;
    }

    @Override
    public String toString() {
        return description;
    }
}
