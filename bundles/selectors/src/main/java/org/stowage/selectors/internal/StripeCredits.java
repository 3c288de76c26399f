package org.stowage.selectors.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte credits, one per device id, that turn striping rates into exact proportions of bytes over time: smooth
 * weighted round-robin (as nginx balances upstreams) counted in bytes instead of requests, so packs of any size
 * keep the proportions. For every pack each participating device earns its share of the pack's bytes; the devices
 * with the most credit receive the copies and pay the pack's size each. Credits of the participants always sum to
 * zero, so each one stays within a few packs of zero and the bytes a device received never drift more than that
 * from its share of all bytes placed, whatever the pack sizes.
 *
 * <p>Changing candidates: a device that is not among the candidates of a call loses its credit, so when it comes
 * back it starts level with the others, with neither a burst of packs it was owed nor a pause for packs it got in
 * advance. A candidate that cannot take this one pack (no room) sits the round out and keeps its credit.
 *
 * <p>Thread-safe: {@link #pick} is synchronized; it takes O(devices) and waits for nothing else.
 */
final class StripeCredits {

    private final Map<String, Double> credits = new HashMap<>();

    /**
     * Chooses the devices that receive one pack and charges them.
     *
     * @param rates      the participants (devices that can take the pack) with their striping rates, all above 0
     * @param sizeBytes  the pack's size
     * @param copies     how many distinct devices receive it
     * @param candidates every candidate id of this call; credits of other devices are dropped
     * @return at most {@code copies} distinct ids from {@code rates}, the one with the most credit first
     */
    synchronized List<String> pick(Map<String, Double> rates, long sizeBytes, int copies,
                                   Collection<String> candidates) {
        credits.keySet().retainAll(candidates);
        expectedCopies(rates, copies).forEach((id, share) -> credits.merge(id, share * sizeBytes, Double::sum));
        List<String> chosen = rates.keySet().stream()
                .sorted(Comparator.<String>comparingDouble(id -> -credits.get(id))
                        .thenComparing(id -> -rates.get(id))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(copies)
                .toList();
        chosen.forEach(id -> credits.merge(id, (double) -sizeBytes, Double::sum));
        recenter(rates.keySet());
        return chosen;
    }

    /** The credit of a device, 0 when it has none; for tests. */
    synchronized double credit(String id) {
        return credits.getOrDefault(id, 0.0);
    }

    /**
     * How many copies of each pack a device should receive on average: {@code copies} spread in proportion to the
     * rates, but never more than one per device, since a pack's copies go to distinct devices. A device whose
     * proportional part would exceed one gets exactly one (every pack) and the rest is spread over the others in
     * proportion to their rates (water-filling). Without that cap its credit would grow without bound and, once its
     * rate fell, it would get every pack for a long time. The result sums to {@code min(copies, devices)}.
     */
    static Map<String, Double> expectedCopies(Map<String, Double> rates, int copies) {
        Map<String, Double> expected = new LinkedHashMap<>();
        List<String> open = new ArrayList<>(rates.keySet());
        double left = copies;
        boolean capped = true;
        while (capped && !open.isEmpty()) {
            capped = false;
            double sum = open.stream().mapToDouble(rates::get).sum();
            for (String id : List.copyOf(open)) {
                double share = left * rates.get(id) / sum;
                if (share >= 1) {
                    expected.put(id, 1.0);
                    open.remove(id);
                    capped = true;
                }
            }
            left = copies - expected.size();
            if (!capped) {
                double spread = left;
                open.forEach(id -> expected.put(id, spread * rates.get(id) / sum));
            }
        }
        return expected;
    }

    /** Keeps the participants' credits summing to zero (rounding, devices that left or sat out). */
    private void recenter(Collection<String> participants) {
        if (participants.isEmpty()) {
            return;
        }
        double mean = participants.stream().mapToDouble(credits::get).sum() / participants.size();
        participants.forEach(id -> credits.merge(id, -mean, Double::sum));
    }
}
