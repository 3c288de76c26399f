package org.stowage.api.placement.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceState;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.placement.PackPlacement.PlacementRequest;
import org.stowage.api.selector.NodeSelector;
import org.stowage.api.selector.NodeSelector.Candidate;

/**
 * Orders the devices for one pack, the same way wherever packs are placed (the engine's direct placement and the
 * Camel placement routes): the online devices a request allows become candidates with their status, recent measured
 * speeds and weight; the selector orders them; the result keeps only candidates, each once. Without a selector the
 * request's own order serves, idle devices first. The placement writes to the first {@code copies} and replaces a
 * failed one by the next.
 *
 * <p>Thread-safe if the selector is (the {@link NodeSelector} contract requires it).
 */
public final class PlacementPlanner {

    private final DeviceSpeeds speeds;

    public PlacementPlanner(DeviceSpeeds speeds) {
        this.speeds = speeds;
    }

    /**
     * @param size     the pack's size in bytes
     * @param online   the devices the request allows that are not OFFLINE, in the request's order
     * @param weight   each device's selector weight ({@link Device#PROP_SELECTOR_WEIGHT}), at least 1
     * @param selector the selector the request names, or null when it names none
     * @return the device ids, best first; empty when there is no candidate or the selector accepted none
     */
    public List<String> targets(PlacementRequest request, long size, List<Device> online, ToIntFunction<String> weight,
                                NodeSelector selector) {
        List<Candidate> candidates = new ArrayList<>(online.size());
        for (Device device : online) {
            String id = device.descriptor().id();
            candidates.add(new Candidate(device.descriptor(), device.status(), speeds.recent(id),
                    Math.max(1, weight.applyAsInt(id))));
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<String> chosen = selector == null ? inGivenOrder(candidates)
                : selector.select(new NodeSelector.PlacementRequest(request.stream(), size, request.copies()),
                        List.copyOf(candidates));
        Set<String> known = new LinkedHashSet<>();
        candidates.forEach(c -> known.add(c.id()));
        Set<String> order = new LinkedHashSet<>();
        for (String id : chosen) {
            if (known.contains(id)) {
                order.add(id);
            }
        }
        return List.copyOf(order);
    }

    /** The candidates' own order, idle ones first (a stable sort). */
    private static List<String> inGivenOrder(List<Candidate> candidates) {
        return candidates.stream().sorted(Comparator.comparing((Candidate c) -> c.status().state() != DeviceState.IDLE))
                .map(Candidate::id).toList();
    }
}
