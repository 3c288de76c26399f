package org.stowage.selectors.internal;

import java.util.List;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.stowage.api.device.AccessType;
import org.stowage.api.selector.NodeSelector;

/**
 * Selector {@value #NAME}: keeps each stream ({@link PlacementRequest#stream()}) on one SEQUENTIAL device, so that
 * a tape receives long contiguous runs of one backup instead of packs of several backups in turn, each switch
 * costing a locate. The first pack of a stream picks the least loaded sequential device, later packs stay on it
 * while it can take them ({@link StreamPins}). With {@code copies} above 1 the stream keeps that many sequential
 * devices.
 *
 * <p>Order: the stream's sequential devices, then the other sequential devices least loaded first, then the
 * RANDOM-access devices (IDLE first, then fastest). So random-access devices are fallbacks, or the first choice
 * when no sequential device can take the pack; they are never pinned, since they do not care.
 *
 * <p>Thread-safe; its only state is the bounded map of streams to devices.
 */
@Component(service = NodeSelector.class, configurationPid = SequentialAffinitySelector.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = NodeSelector.PROP_NAME + "=" + SequentialAffinitySelector.NAME)
@Designate(ocd = SequentialAffinitySelectorConfig.class)
public final class SequentialAffinitySelector implements NodeSelector {

    static final String NAME = "sequential-affinity";
    static final String PID = "org.stowage.selector.sequential-affinity";
    static final int DEFAULT_MAX_STREAMS = 1024;

    private final StreamPins pins;

    /** @throws IllegalArgumentException naming the PID and the key, when the configuration is invalid */
    @Activate
    public SequentialAffinitySelector(SequentialAffinitySelectorConfig config) {
        this(SelectorConfigs.atLeastOne(PID, "max.streams", config.max_streams(),
                "the number of streams that keep their device"));
    }

    SequentialAffinitySelector(int maxStreams) {
        this.pins = new StreamPins(maxStreams);
    }

    @Override
    public List<String> select(PlacementRequest request, List<Candidate> candidates) {
        List<Candidate> eligible = Eligibility.of(request, candidates);
        List<Candidate> sequential = eligible.stream()
                .filter(candidate -> candidate.descriptor().access() == AccessType.SEQUENTIAL).toList();
        Stream<Candidate> random = eligible.stream()
                .filter(candidate -> candidate.descriptor().access() != AccessType.SEQUENTIAL)
                .sorted(Ranking.idleFirst().thenComparing(Ranking.fastestFirst(Ranking.DEFAULT_WINDOW))
                        .thenComparing(Ranking.byId()));
        List<Candidate> onStream = pins.order(request.stream(), sequential, request.copies(), Ranking.DEFAULT_WINDOW);
        return Stream.concat(onStream.stream(), random).map(Candidate::id).toList();
    }

    /** The devices pinned to a stream; for tests. */
    List<String> pinned(String stream) {
        return pins.pinned(stream);
    }

    /** How many streams are remembered; for tests. */
    int streamsRemembered() {
        return pins.size();
    }
}
