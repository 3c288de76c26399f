package org.stowage.selectors.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.stowage.api.device.DeviceState;
import org.stowage.api.selector.NodeSelector.Candidate;
import org.stowage.api.selector.NodeSelector.PlacementRequest;

/**
 * Which candidates can take a pack. Every built-in selector starts from this list, so that all of them honour the
 * same part of the {@code NodeSelector} contract: a device appears at most once, an OFFLINE device never (the
 * placement should not offer one, but a status can change between its check and ours), and a device whose known
 * free space is smaller than the pack never. Unknown free space ({@code freeBytes < 0}, e.g. an object store)
 * counts as room. A selector returns an empty list exactly when this list is empty.
 *
 * <p>Stateless and thread-safe.
 */
final class Eligibility {

    private Eligibility() {
    }

    /**
     * The candidates that can take the pack, in the order given. A device listed twice counts once, as its first
     * listing that can take the pack.
     */
    static List<Candidate> of(PlacementRequest request, List<Candidate> candidates) {
        List<Candidate> eligible = new ArrayList<>(candidates.size());
        Set<String> seen = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (candidate.status().state() != DeviceState.OFFLINE && hasRoom(candidate, request.sizeBytes())
                    && seen.add(candidate.id())) {
                eligible.add(candidate);
            }
        }
        return eligible;
    }

    /** Whether the device can store {@code sizeBytes} more, as far as it knows. */
    static boolean hasRoom(Candidate candidate, long sizeBytes) {
        long free = candidate.status().freeBytes();
        return free < 0 || free >= sizeBytes;
    }

    /** The ids of the candidates, in order. */
    static List<String> ids(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::id).toList();
    }
}
