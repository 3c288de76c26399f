package org.stowage.device.testkit;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;

/**
 * What a {@link FaultyDevice} does wrong, to which calls, and when. Start with an effect ({@link #fail},
 * {@link #timeout}, {@link #flipByte}, {@link #truncate}, {@link #removed}), narrow it to blob types or names, pick
 * a schedule, then {@link FaultyDevice#arm arm} it — also while a backup runs:
 *
 * <pre>{@code
 * device.arm(Fault.fail(DeviceOperation.PUT).of(BlobType.DATA).nth(3));      // the 3rd data put fails
 * ArmedFault all = device.arm(Fault.fail(DeviceOperation.PUT));              // every put from now on
 * device.arm(Fault.flipByte().of(BlobType.DATA));                            // every pack read is damaged
 * device.arm(Fault.timeout(Duration.ofSeconds(1), DeviceOperation.PUT).of(BlobType.INDEX));
 * }</pre>
 *
 * <p>Not thread-safe while being configured; arming copies it, so later changes do not affect an armed fault.
 */
public final class Fault {

    /** What happens to a matching call. */
    public enum Effect {
        /** The call throws a {@code DeviceException}. */
        FAIL,
        /** The call hangs until its deadline, then throws a {@code DeviceException} caused by a timeout. */
        TIMEOUT,
        /** A get returns the data with one byte inverted (the middle one); the stored blob is untouched. */
        FLIP_BYTE,
        /** A get returns only the first half of the data; the stored blob is untouched. */
        TRUNCATE,
        /** The device is gone: every call throws, and the status is OFFLINE. */
        REMOVED
    }

    final Effect effect;
    final Duration hang;
    Set<DeviceOperation> operations;
    Set<BlobType> types = EnumSet.allOf(BlobType.class);
    Predicate<BlobName> names = name -> true;
    String namesDescription = "";
    Schedule schedule = Schedule.ALWAYS;
    boolean afterCall;

    private Fault(Effect effect, Duration hang, DeviceOperation... operations) {
        this.effect = effect;
        this.hang = hang;
        this.operations = operations.length == 0 ? EnumSet.allOf(DeviceOperation.class)
                : EnumSet.of(operations[0], operations);
    }

    /** {@code operations} (all when none given) throw a {@code DeviceException}. */
    public static Fault fail(DeviceOperation... operations) {
        return new Fault(Effect.FAIL, Duration.ZERO, operations);
    }

    /**
     * {@code operations} (all when none given) hang for {@code after}, then throw a {@code DeviceException} whose
     * cause is a {@link java.util.concurrent.TimeoutException}: a device that stopped answering. An interrupt ends
     * the wait early with an {@link java.io.InterruptedIOException}.
     */
    public static Fault timeout(Duration after, DeviceOperation... operations) {
        if (after.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + after);
        }
        return new Fault(Effect.TIMEOUT, after, operations);
    }

    /** Gets return their data with one byte inverted: bit rot the reader must detect. */
    public static Fault flipByte() {
        return new Fault(Effect.FLIP_BYTE, Duration.ZERO, DeviceOperation.GET);
    }

    /** Gets return only the first half of their data: a short read the reader must detect. */
    public static Fault truncate() {
        return new Fault(Effect.TRUNCATE, Duration.ZERO, DeviceOperation.GET);
    }

    /** The device was removed (driver stopped, disk pulled): every call throws and the status is OFFLINE. */
    public static Fault removed() {
        return new Fault(Effect.REMOVED, Duration.ZERO);
    }

    /** Only calls about blobs of these types (a list of one of these folders counts; a probe never does). */
    public Fault of(BlobType first, BlobType... more) {
        this.types = EnumSet.of(first, more);
        return this;
    }

    /** Only calls about blobs whose name matches {@code predicate}; {@code description} names it in messages. */
    public Fault matching(String description, Predicate<BlobName> predicate) {
        this.names = Objects.requireNonNull(predicate, "predicate");
        this.namesDescription = " matching " + description;
        return this;
    }

    /** Fires on the {@code n}th matching call only (1-based, counted from arming). */
    public Fault nth(long n) {
        return schedule(new Schedule(Schedule.Mode.NTH, n, 0, 0));
    }

    /** Fires on matching calls n, 2n, 3n, ... */
    public Fault everyNth(long n) {
        return schedule(new Schedule(Schedule.Mode.EVERY_NTH, n, 0, 0));
    }

    /** Lets {@code n - 1} matching calls through, then fires on every one: a device that broke down. */
    public Fault fromNth(long n) {
        return schedule(new Schedule(Schedule.Mode.FROM_NTH, n, 0, 0));
    }

    /** Fires on a seeded-random {@code fraction} (0 to 1) of the matching calls. */
    public Fault randomly(double fraction, long seed) {
        return schedule(new Schedule(Schedule.Mode.RANDOM, 0, fraction, seed));
    }

    /**
     * A failure or timeout strikes after the call reached the device and completed: the blob was stored (or
     * deleted) but the caller is told it failed — a lost reply. Not meaningful for the other effects.
     */
    public Fault afterCall() {
        if (effect != Effect.FAIL && effect != Effect.TIMEOUT) {
            throw new IllegalArgumentException("only FAIL and TIMEOUT can strike after the call, not " + effect);
        }
        this.afterCall = true;
        return this;
    }

    private Fault schedule(Schedule schedule) {
        this.schedule = schedule;
        return this;
    }

    @Override
    public String toString() {
        String what = effect == Effect.TIMEOUT ? "timeout after " + hang : effect.name().toLowerCase();
        return what + (afterCall ? " after the call" : "") + " on " + schedule + " of " + operations + " on "
                + (types.size() == BlobType.values().length ? "any blob" : types) + namesDescription;
    }
}
