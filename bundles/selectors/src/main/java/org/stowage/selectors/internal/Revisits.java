package org.stowage.selectors.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.stowage.api.device.DeviceState;
import org.stowage.api.selector.NodeSelector.Candidate;

/**
 * The {@code fastest} selector's order, and its revisits of devices it stopped choosing. A selector that sends every
 * pack to the fastest device measures no other device any more (unless a probe runs), so a device that has become
 * the fastest since would never be seen. So once every {@code every} packs, the IDLE measured device that was last
 * chosen longest ago, more than {@code every} packs ago, gets the pack (a revisit); from then on its speed is the
 * average of what was measured since the revisit only, because its older speeds describe another time. If it is the
 * fastest now, it keeps the packs; if not, it ranks by the new measurement. The revisited device's order among the
 * others is otherwise the usual one: IDLE before BUSY, then the best speed, unmeasured devices last (larger weight
 * first), then the id.
 *
 * <p>The state is bounded by the candidates: a device that is not among them is forgotten. Thread-safe:
 * {@link #order} is synchronized, so of concurrent calls exactly one makes a revisit that is due.
 */
final class Revisits {

    private final int every;
    private final int window;
    private long calls;
    private long lastRevisit;
    /** The call in which each candidate last received the pack (was among the first copies), or appeared. */
    private final Map<String, Long> lastFirst = new HashMap<>();
    /** Revisited devices whose fresh measurements are not a whole window yet: their speeds at the revisit. */
    private final Map<String, List<Double>> revisited = new HashMap<>();

    /**
     * @param every  packs between revisits, and how long a device must have gone without a pack to be revisited;
     *               0: never
     * @param window the moving average's window
     */
    Revisits(int every, int window) {
        this.every = every;
        this.window = window;
    }

    /**
     * The order for one pack: {@code first} (a measurement trial) if given, else a device due for a revisit if any,
     * then the other eligible devices in the usual order. The first {@code copies} count as chosen.
     */
    synchronized List<String> order(List<Candidate> eligible, List<Candidate> candidates, int copies,
                                    Optional<String> first) {
        calls++;
        Set<String> present = new HashSet<>(Eligibility.ids(candidates));
        lastFirst.keySet().retainAll(present);
        revisited.keySet().retainAll(present);
        candidates.forEach(candidate -> lastFirst.putIfAbsent(candidate.id(), calls));
        Map<String, Double> speeds = new HashMap<>();
        for (Candidate candidate : eligible) {
            speeds.put(candidate.id(), speed(candidate));
        }
        String lead = first.or(() -> due(eligible, speeds)).orElse(null);
        List<String> order = new ArrayList<>(eligible.size());
        if (lead != null) {
            order.add(lead);
        }
        eligible.stream()
                .sorted(Ranking.idleFirst()
                        .thenComparing(Comparator.comparingDouble((Candidate c) -> -speeds.get(c.id())))
                        .thenComparing(Comparator.comparingInt(Candidate::weight).reversed())
                        .thenComparing(Ranking.byId()))
                .map(Candidate::id)
                .filter(id -> !id.equals(lead))
                .forEach(order::add);
        order.subList(0, Math.min(copies, order.size())).forEach(id -> lastFirst.put(id, calls));
        return order;
    }

    /** The device revisited with this pack, if a revisit is due; remembers its speeds at the revisit. */
    private Optional<String> due(List<Candidate> eligible, Map<String, Double> speeds) {
        if (every == 0 || calls - lastRevisit < every) {
            return Optional.empty();
        }
        Optional<Candidate> stale = eligible.stream()
                .filter(candidate -> candidate.status().state() == DeviceState.IDLE)
                .filter(candidate -> speeds.get(candidate.id()) > 0)
                .filter(candidate -> calls - lastFirst.get(candidate.id()) > every)
                .min(Comparator.comparingLong((Candidate c) -> lastFirst.get(c.id())).thenComparing(Ranking.byId()));
        stale.ifPresent(candidate -> {
            lastRevisit = calls;
            revisited.put(candidate.id(), candidate.recentSpeeds());
        });
        return stale.map(Candidate::id);
    }

    /**
     * The speed the order uses: the moving average ({@link Ranking#measuredSpeed}); for a revisited device, the
     * average of the speeds measured since its revisit once there is one (until they fill a window; then the moving
     * average is theirs alone anyway).
     */
    private double speed(Candidate candidate) {
        List<Double> atRevisit = revisited.get(candidate.id());
        if (atRevisit != null) {
            List<Double> fresh = newSince(atRevisit, candidate.recentSpeeds());
            if (fresh.size() >= window) {
                revisited.remove(candidate.id());
            } else if (!fresh.isEmpty()) {
                return fresh.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            }
        }
        return Ranking.measuredSpeed(candidate, window);
    }

    /**
     * The samples of {@code now} that were not in {@code then}: the log they come from keeps the newest samples,
     * dropping the oldest, so {@code now} is a tail of {@code then} followed by the new ones. Returns the shortest
     * such ending of {@code now}.
     */
    static List<Double> newSince(List<Double> then, List<Double> now) {
        for (int fresh = 0; fresh < now.size(); fresh++) {
            int kept = now.size() - fresh;
            if (kept <= then.size() && now.subList(0, kept).equals(then.subList(then.size() - kept, then.size()))) {
                return now.subList(kept, now.size());
            }
        }
        return now;
    }
}
