package org.stowage.device.testkit;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One failure rule of a {@link FaultyDevice}: which calls of which operations fail. Thread-safe. Calls are counted
 * per rule over the rule's operations only, so "the 3rd put" means the 3rd put that reached this rule.
 */
final class FailureRule {

    private enum Mode { NTH, EVERY_NTH, RANDOM }

    private final Mode mode;
    private final long n;
    private final double fraction;
    private final Random random;
    private final Set<DeviceOperation> operations;
    private final AtomicLong calls = new AtomicLong();

    private FailureRule(Mode mode, long n, double fraction, long seed, DeviceOperation... operations) {
        if (operations.length == 0) {
            throw new IllegalArgumentException("a failure rule needs at least one operation");
        }
        this.mode = mode;
        this.n = n;
        this.fraction = fraction;
        this.random = new Random(seed);
        this.operations = EnumSet.of(operations[0], operations);
    }

    static FailureRule nth(long n, DeviceOperation... operations) {
        requirePositive(n);
        return new FailureRule(Mode.NTH, n, 0, 0, operations);
    }

    static FailureRule everyNth(long n, DeviceOperation... operations) {
        requirePositive(n);
        return new FailureRule(Mode.EVERY_NTH, n, 0, 0, operations);
    }

    static FailureRule random(double fraction, long seed, DeviceOperation... operations) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("failure fraction must be in [0, 1], not " + fraction);
        }
        return new FailureRule(Mode.RANDOM, 0, fraction, seed, operations);
    }

    /** Counts the call and says whether it fails; returns the call number if it does, else 0. */
    long fires(DeviceOperation operation) {
        if (!operations.contains(operation)) {
            return 0;
        }
        long call = calls.incrementAndGet();
        boolean fails = switch (mode) {
            case NTH -> call == n;
            case EVERY_NTH -> call % n == 0;
            case RANDOM -> nextDouble() < fraction;
        };
        return fails ? call : 0;
    }

    private double nextDouble() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    @Override
    public String toString() {
        return switch (mode) {
            case NTH -> "fail call #" + n + " of " + operations;
            case EVERY_NTH -> "fail every call #k*" + n + " of " + operations;
            case RANDOM -> "fail a fraction " + fraction + " of " + operations;
        };
    }

    private static void requirePositive(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("call number must be 1 or more, not " + n);
        }
    }
}
