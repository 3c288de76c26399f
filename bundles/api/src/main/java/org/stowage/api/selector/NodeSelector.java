package org.stowage.api.selector;

import java.util.List;
import java.util.Objects;

import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceStatus;

/**
 * Chooses the devices that receive a pack. Selectors are OSGi services found by their {@link #PROP_NAME}; the
 * repository configuration and each job name the selector they use.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #select} returns device ids in order of preference. The placement writes the pack to the first
 *       {@link PlacementRequest#copies()} of them and, when a write fails, goes on with the next one, so a selector
 *       returns every candidate it accepts, best first: the ones after the first {@code copies} are the fallbacks.
 *       Ids that are not among the candidates are ignored. An empty list means no candidate can take the pack.</li>
 *   <li>Candidates are the devices of the repository (or of the job) that are not OFFLINE; BUSY ones are included,
 *       with their status, so that a selector may prefer idle devices or accept busy ones (their packs are staged).
 *       </li>
 *   <li>Thread safety: {@code select} is called from several threads at once. A selector that keeps state (striping
 *       counters, affinity) synchronizes it. It must not block or do I/O: it runs once per pack on the upload path.
 *       </li>
 * </ul>
 */
public interface NodeSelector {

    /** Service property: the selector's name, referenced by the repository configuration and by jobs. */
    String PROP_NAME = "selector.name";

    /** The devices that should receive the pack, best first; see the interface comment. */
    List<String> select(PlacementRequest request, List<Candidate> candidates);

    /**
     * What is to be placed.
     *
     * @param stream    the run of related packs this one belongs to (e.g. {@code backup:nightly:<start>}), so that a
     *                  selector can keep one stream on one device (a tape streams without repositioning); never null
     * @param sizeBytes the pack's size
     * @param copies    how many devices must hold the pack, at least 1
     */
    record PlacementRequest(String stream, long sizeBytes, int copies) {
        public PlacementRequest {
            Objects.requireNonNull(stream, "stream");
            if (sizeBytes < 0 || copies < 1) {
                throw new IllegalArgumentException("invalid placement: size=" + sizeBytes + " copies=" + copies);
            }
        }
    }

    /**
     * A device that could receive the pack.
     *
     * @param descriptor   what the device is (id, kind, access type)
     * @param status       its status now (state, traffic, free space)
     * @param recentSpeeds its most recent measured transfer speeds in bytes per second, oldest first: real pack
     *                     writes and probes with test data it did not keep; empty before the first measurement
     * @param weight       the operator's relative share for this device ({@code device.selector.weight}, at least 1)
     */
    record Candidate(DeviceDescriptor descriptor, DeviceStatus status, List<Double> recentSpeeds, int weight) {
        public Candidate {
            Objects.requireNonNull(descriptor, "descriptor");
            Objects.requireNonNull(status, "status");
            recentSpeeds = List.copyOf(recentSpeeds);
            if (weight < 1) {
                throw new IllegalArgumentException("weight of device '" + descriptor.id() + "' must be at least 1: "
                        + weight);
            }
        }

        public String id() {
            return descriptor.id();
        }

        /**
         * The simple moving average of the last {@code n} recent speeds (all of them if fewer), or 0 when none was
         * measured yet.
         */
        public double averageSpeed(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("window must be at least 1: " + n);
            }
            int from = Math.max(0, recentSpeeds.size() - n);
            return recentSpeeds.subList(from, recentSpeeds.size()).stream().mapToDouble(Double::doubleValue)
                    .average().orElse(0);
        }
    }
}
