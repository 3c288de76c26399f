package org.stowage.selectors.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.stowage.api.selector.NodeSelector;

/**
 * Selector {@value #NAME}: sends each pack to the device with the best simple moving average of its last n measured
 * speeds ({@link Ranking#measuredSpeed}, n = key {@code window}), re-evaluated on every call so that it follows a
 * device that slows down or speeds up.
 *
 * <p>Order: an IDLE device that has never been measured first, once ({@link MeasurementTrials}); then IDLE devices
 * before BUSY ones (a BUSY device's pack waits in staging), each group fastest first, with the devices not measured
 * yet after the measured ones (the larger weight first). The devices after the first {@code copies} are the
 * fallbacks, in that same order.
 *
 * <p>Thread-safe; its only state is which unmeasured devices had their trial.
 */
@Component(service = NodeSelector.class, configurationPid = FastestSelector.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = NodeSelector.PROP_NAME + "=" + FastestSelector.NAME)
@Designate(ocd = FastestSelectorConfig.class)
public final class FastestSelector implements NodeSelector {

    static final String NAME = "fastest";
    static final String PID = "org.stowage.selector.fastest";

    private final int window;
    private final MeasurementTrials trials = new MeasurementTrials();

    /** @throws IllegalArgumentException naming the PID and the key, when the configuration is invalid */
    @Activate
    public FastestSelector(FastestSelectorConfig config) {
        this(SelectorConfigs.window(PID, config.window()));
    }

    FastestSelector(int window) {
        this.window = window;
    }

    /**
     * The selector with the given {@code window}, for callers outside OSGi (benchmarks, tools on a plain class
     * path); in Karaf, Declarative Services builds it from its configuration.
     *
     * @throws IllegalArgumentException naming the PID and the key, when {@code window} is below 1
     */
    public static FastestSelector withWindow(int window) {
        return new FastestSelector(SelectorConfigs.window(PID, window));
    }

    @Override
    public List<String> select(PlacementRequest request, List<Candidate> candidates) {
        List<Candidate> eligible = Eligibility.of(request, candidates);
        Optional<String> trial = trials.claim(eligible, candidates, window);
        String tried = trial.orElse(null);
        Stream<String> ranked = eligible.stream()
                .sorted(Ranking.idleFirst().thenComparing(Ranking.fastestFirst(window)).thenComparing(Ranking.byId()))
                .map(Candidate::id)
                .filter(id -> !id.equals(tried));
        return Stream.concat(trial.stream(), ranked).toList();
    }
}
