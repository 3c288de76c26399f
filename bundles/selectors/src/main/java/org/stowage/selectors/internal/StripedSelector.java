package org.stowage.selectors.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.stowage.api.selector.NodeSelector;

/**
 * Selector {@value #NAME}: spreads packs over the devices in proportion to their speed, so that all of them finish
 * together and a backup runs at about the sum of their speeds (round-robin would run at the number of devices times
 * the slowest one's speed, the fast ones waiting for it).
 *
 * <p>A device's striping rate is its measured speed ({@link Ranking#measuredSpeed}). The operator's weight is the
 * prior for devices not measured yet, not a factor: an unmeasured device is rated at its weight times the measured
 * bytes per second per unit of weight of the measured devices, and when none is measured the rates are the
 * weights. Multiplying a measured speed by the weight would count a device's advantage twice (flash has weight 4
 * because it is faster, and is measured faster) and the devices would no longer finish together.
 *
 * <p>Which devices receive a pack is decided by byte credits ({@link StripeCredits}), deterministically and exactly
 * over time, not by chance. The result starts with the {@code copies} devices chosen, then every other device that
 * can take the pack as fallback, fastest rate first. BUSY devices keep their share: their packs are staged and
 * drained when they turn idle.
 *
 * <p>Thread-safe; the credits are its only state.
 */
@Component(service = NodeSelector.class, configurationPid = StripedSelector.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = NodeSelector.PROP_NAME + "=" + StripedSelector.NAME)
@Designate(ocd = StripedSelectorConfig.class)
public final class StripedSelector implements NodeSelector {

    static final String NAME = "striped";
    static final String PID = "org.stowage.selector.striped";

    private final int window;
    private final StripeCredits credits = new StripeCredits();

    /** @throws IllegalArgumentException naming the PID and the key, when the configuration is invalid */
    @Activate
    public StripedSelector(StripedSelectorConfig config) {
        this(SelectorConfigs.window(PID, config.window()));
    }

    StripedSelector(int window) {
        this.window = window;
    }

    /**
     * The selector with the given {@code window}, for callers outside OSGi (benchmarks, tools on a plain class
     * path); in Karaf, Declarative Services builds it from its configuration.
     *
     * @throws IllegalArgumentException naming the PID and the key, when {@code window} is below 1
     */
    public static StripedSelector withWindow(int window) {
        return new StripedSelector(SelectorConfigs.window(PID, window));
    }

    @Override
    public List<String> select(PlacementRequest request, List<Candidate> candidates) {
        List<Candidate> eligible = Eligibility.of(request, candidates);
        if (eligible.isEmpty()) {
            return List.of();
        }
        Map<String, Double> rates = rates(eligible, window);
        List<String> chosen = credits.pick(rates, request.sizeBytes(), request.copies(),
                Eligibility.ids(candidates));
        Stream<String> fallbacks = rates.keySet().stream().filter(id -> !chosen.contains(id))
                .sorted(Comparator.<String>comparingDouble(id -> -rates.get(id))
                        .thenComparing(Comparator.naturalOrder()));
        return Stream.concat(chosen.stream(), fallbacks).toList();
    }

    /** A device's byte credit; for tests. */
    double credit(String id) {
        return credits.credit(id);
    }

    /** The striping rate of each device, in bytes per second where anything is measured; see the class comment. */
    static Map<String, Double> rates(List<Candidate> eligible, int window) {
        double measuredSum = 0;
        long measuredWeight = 0;
        for (Candidate candidate : eligible) {
            double speed = Ranking.measuredSpeed(candidate, window);
            if (speed > 0) {
                measuredSum += speed;
                measuredWeight += candidate.weight();
            }
        }
        double perWeight = measuredWeight > 0 ? measuredSum / measuredWeight : 1;
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Candidate candidate : eligible) {
            double speed = Ranking.measuredSpeed(candidate, window);
            rates.put(candidate.id(), speed > 0 ? speed : candidate.weight() * perWeight);
        }
        return rates;
    }
}
