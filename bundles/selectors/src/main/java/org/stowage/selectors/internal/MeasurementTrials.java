package org.stowage.selectors.internal;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.stowage.api.device.DeviceState;
import org.stowage.api.selector.NodeSelector.Candidate;

/**
 * The devices not measured yet that were already sent one pack so that they get measured. A selector that only
 * ever sends to the fastest measured device would never learn the speed of a new one (unless a probe happens to
 * measure it), and one that ranked unknown devices first would send them every pack until the first measurement
 * arrived, which takes a whole pack write. So each unmeasured IDLE device gets exactly one trial; after that it
 * ranks behind the measured devices until a measurement arrives. A device whose trial write failed therefore does
 * not get the next pack too.
 *
 * <p>A device is forgotten once it is measured or is not among the candidates any more, so the set holds at most
 * the current candidates, and a device that comes back without measurements (re-added) is tried again.
 *
 * <p>Thread-safe: {@link #claim} is synchronized, so of several concurrent calls exactly one gets a device's trial.
 */
final class MeasurementTrials {

    private final Set<String> tried = new HashSet<>();

    /**
     * The device that gets its trial with this pack, if any: an IDLE device among {@code eligible} with no
     * measured speed and no trial yet, the largest operator weight first, then by id.
     *
     * @param candidates every candidate of this call; devices not among them are forgotten
     */
    synchronized Optional<String> claim(List<Candidate> eligible, List<Candidate> candidates, int window) {
        Set<String> unmeasured = candidates.stream().filter(candidate -> Ranking.measuredSpeed(candidate, window) == 0)
                .map(Candidate::id).collect(Collectors.toSet());
        tried.retainAll(unmeasured);
        Optional<String> trial = eligible.stream()
                .filter(candidate -> candidate.status().state() == DeviceState.IDLE)
                .filter(candidate -> unmeasured.contains(candidate.id()) && !tried.contains(candidate.id()))
                .sorted(Comparator.comparingInt(Candidate::weight).reversed().thenComparing(Ranking.byId()))
                .map(Candidate::id)
                .findFirst();
        trial.ifPresent(tried::add);
        return trial;
    }
}
