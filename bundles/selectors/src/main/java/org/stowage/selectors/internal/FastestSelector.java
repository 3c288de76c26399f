package org.stowage.selectors.internal;

import java.util.List;
import java.util.Optional;

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
 * <p>Order: an IDLE device that has never been measured first, once ({@link MeasurementTrials}); else, once every
 * {@code revisit} packs, the IDLE device that received none for the longest time, if longer than that, whose speed
 * then counts only from that pack on ({@link Revisits}: the devices it stopped choosing are measured anew, so that
 * one that sped up is found); then IDLE devices before BUSY ones (a BUSY device's pack waits in staging), each group
 * fastest first, with the devices not measured yet after the measured ones (the larger weight first). The devices
 * after the first {@code copies} are the fallbacks, in that same order.
 *
 * <p>Thread-safe; its state is which unmeasured devices had their trial and when each device last got a pack.
 */
@Component(service = NodeSelector.class, configurationPid = FastestSelector.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = NodeSelector.PROP_NAME + "=" + FastestSelector.NAME)
@Designate(ocd = FastestSelectorConfig.class)
public final class FastestSelector implements NodeSelector {

    static final String NAME = "fastest";
    static final String PID = "org.stowage.selector.fastest";
    /** Packs between revisits, by default: one pack in eight measures a device not chosen for eight packs. */
    static final int DEFAULT_REVISIT = 8;

    private final int window;
    private final MeasurementTrials trials = new MeasurementTrials();
    private final Revisits revisits;

    /** @throws IllegalArgumentException naming the PID and the key, when the configuration is invalid */
    @Activate
    public FastestSelector(FastestSelectorConfig config) {
        this(SelectorConfigs.window(PID, config.window()), SelectorConfigs.revisit(PID, config.revisit()));
    }

    FastestSelector(int window) {
        this(window, DEFAULT_REVISIT);
    }

    FastestSelector(int window, int revisit) {
        this.window = window;
        this.revisits = new Revisits(revisit, window);
    }

    /**
     * The selector with the given {@code window}, for callers outside OSGi (benchmarks, tools on a plain class
     * path); in Karaf, Declarative Services builds it from its configuration.
     *
     * @throws IllegalArgumentException naming the PID and the key, when {@code window} is below 1
     */
    public static FastestSelector withWindow(int window) {
        return new FastestSelector(SelectorConfigs.window(PID, window), DEFAULT_REVISIT);
    }

    @Override
    public List<String> select(PlacementRequest request, List<Candidate> candidates) {
        List<Candidate> eligible = Eligibility.of(request, candidates);
        Optional<String> trial = trials.claim(eligible, candidates, window);
        return revisits.order(eligible, candidates, request.copies(), trial);
    }
}
