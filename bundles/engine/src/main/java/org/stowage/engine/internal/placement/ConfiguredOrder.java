package org.stowage.engine.internal.placement;

import java.util.Comparator;
import java.util.List;

import org.stowage.api.device.DeviceState;
import org.stowage.api.selector.NodeSelector;

/**
 * The placement used when the repository names no selector: the devices in the configuration's order, idle ones
 * before busy ones. With one device, or with copies on every device, there is nothing to choose.
 */
final class ConfiguredOrder implements NodeSelector {

    static final ConfiguredOrder INSTANCE = new ConfiguredOrder();

    private ConfiguredOrder() {
    }

    /** Candidates arrive in configured order; the sort is stable. */
    @Override
    public List<String> select(PlacementRequest request, List<Candidate> candidates) {
        return candidates.stream()
                .sorted(Comparator.comparing((Candidate c) -> c.status().state() != DeviceState.IDLE))
                .map(Candidate::id).toList();
    }
}
