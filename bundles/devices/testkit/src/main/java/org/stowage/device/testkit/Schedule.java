package org.stowage.device.testkit;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which of the calls a {@link Fault} matches it fires on: all, the nth, every nth, the nth and every later one, or a
 * seeded-random fraction. Immutable: the counting lives in {@link ArmedFault}, so one spec can be armed twice.
 */
record Schedule(Mode mode, long n, double fraction, long seed) {

    enum Mode { ALWAYS, NTH, EVERY_NTH, FROM_NTH, RANDOM }

    static final Schedule ALWAYS = new Schedule(Mode.ALWAYS, 0, 0, 0);

    Schedule {
        if ((mode == Mode.NTH || mode == Mode.EVERY_NTH || mode == Mode.FROM_NTH) && n < 1) {
            throw new IllegalArgumentException("call number must be 1 or more, not " + n);
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("failure fraction must be in [0, 1], not " + fraction);
        }
    }

    /** A counter for one arming of this schedule. Thread-safe. */
    Counter counter() {
        return new Counter(this);
    }

    @Override
    public String toString() {
        return switch (mode) {
            case ALWAYS -> "every call";
            case NTH -> "call #" + n;
            case EVERY_NTH -> "every call #k*" + n;
            case FROM_NTH -> "call #" + n + " and every later one";
            case RANDOM -> "a fraction " + fraction + " of the calls (seed " + seed + ")";
        };
    }

    /** Counts the matching calls of one armed fault and decides which fire. */
    static final class Counter {

        private final Schedule schedule;
        private final AtomicLong calls = new AtomicLong();
        private final Random random;

        private Counter(Schedule schedule) {
            this.schedule = schedule;
            this.random = new Random(schedule.seed);
        }

        /** Counts one matching call; returns its number if the fault fires on it, else 0. */
        long next() {
            long call = calls.incrementAndGet();
            boolean fires = switch (schedule.mode) {
                case ALWAYS -> true;
                case NTH -> call == schedule.n;
                case EVERY_NTH -> call % schedule.n == 0;
                case FROM_NTH -> call >= schedule.n;
                case RANDOM -> nextDouble() < schedule.fraction;
            };
            return fires ? call : 0;
        }

        long calls() {
            return calls.get();
        }

        private double nextDouble() {
            synchronized (random) {
                return random.nextDouble();
            }
        }
    }
}
