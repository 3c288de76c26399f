package org.stowage.selectors.internal;

import java.util.Comparator;

import org.stowage.api.device.DeviceState;
import org.stowage.api.selector.NodeSelector.Candidate;

/**
 * The speed estimate and the orders the built-in selectors share, so that "fastest", "idle" and "most room" mean
 * the same in each of them. A selector ends its order with the device id ({@link #byId}), so that equal candidates
 * always come out in the same order: its answer depends on the candidates and its own state, never on the order of
 * the list.
 *
 * <p>Stateless and thread-safe.
 */
final class Ranking {

    /** Measurements averaged when a selector has no configured window: the last five packs or probes. */
    static final int DEFAULT_WINDOW = 5;

    private Ranking() {
    }

    /**
     * The device's measured speed in bytes per second: the simple moving average of its last {@code window} recent
     * speeds (pack writes and probes), or, before the first of those, the traffic its driver measured on real
     * transfers; 0 when neither is known. Values that are not positive finite numbers count as unknown.
     */
    static double measuredSpeed(Candidate candidate, int window) {
        double average = candidate.averageSpeed(window);
        if (average > 0 && Double.isFinite(average)) {
            return average;
        }
        double traffic = candidate.status().trafficBytesPerSecond();
        return traffic > 0 && Double.isFinite(traffic) ? traffic : 0;
    }

    /** IDLE before BUSY (before OFFLINE, which {@link Eligibility} has removed already). */
    static Comparator<Candidate> idleFirst() {
        return Comparator.comparingInt(candidate -> stateRank(candidate.status().state()));
    }

    /**
     * Fastest measured speed first; devices not measured yet after every measured one, the larger operator weight
     * first among them (the weight is the operator's hint of relative speed).
     */
    static Comparator<Candidate> fastestFirst(int window) {
        return Comparator.<Candidate>comparingDouble(candidate -> -measuredSpeed(candidate, window))
                .thenComparing(Comparator.comparingInt(Candidate::weight).reversed());
    }

    /** Most known free space first; unknown free space counts as unlimited (it passed {@link Eligibility} too). */
    static Comparator<Candidate> mostRoomFirst() {
        return Comparator.comparingLong(candidate -> {
            long free = candidate.status().freeBytes();
            return free < 0 ? Long.MIN_VALUE : -free;
        });
    }

    /** By device id: the last tie-break of every order. */
    static Comparator<Candidate> byId() {
        return Comparator.comparing(Candidate::id);
    }

    private static int stateRank(DeviceState state) {
        return switch (state) {
            case IDLE -> 0;
            case BUSY -> 1;
            case OFFLINE -> 2;
        };
    }
}
