package org.stowage.selectors.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.selector.NodeSelector;

/**
 * Selector {@value #NAME}: puts the {@code copies} of a pack on devices of different kinds first (a disk and a tape
 * before two disks), so that one failure mode of a medium (a head crash, a torn tape, a lost bucket) does not take
 * every copy. Among devices of a kind not used yet, and among the rest once every kind is used: IDLE before BUSY,
 * then the fastest measured speed ({@link Ranking#measuredSpeed} over the last {@value Ranking#DEFAULT_WINDOW}),
 * then the most free space.
 *
 * <p>The fallbacks follow the same rule, so a failed copy is replaced by a device of a kind the pack is not on yet
 * where there is one. Kinds are the {@link DeviceKind} values: DISK and FLASH count as different kinds.
 *
 * <p>Stateless and thread-safe; it has no configuration.
 */
@Component(service = NodeSelector.class, property = NodeSelector.PROP_NAME + "=" + CopiesSelector.NAME)
public final class CopiesSelector implements NodeSelector {

    static final String NAME = "copies";

    @Override
    public List<String> select(PlacementRequest request, List<Candidate> candidates) {
        LinkedList<Candidate> remaining = new LinkedList<>(Eligibility.of(request, candidates));
        remaining.sort(Ranking.idleFirst().thenComparing(Ranking.fastestFirst(Ranking.DEFAULT_WINDOW))
                .thenComparing(Ranking.mostRoomFirst()).thenComparing(Ranking.byId()));
        List<String> order = new ArrayList<>(remaining.size());
        Set<DeviceKind> used = EnumSet.noneOf(DeviceKind.class);
        while (!remaining.isEmpty()) {
            Candidate next = remaining.stream().filter(candidate -> !used.contains(candidate.descriptor().kind()))
                    .findFirst().orElse(remaining.getFirst());
            remaining.remove(next);
            used.add(next.descriptor().kind());
            order.add(next.id());
        }
        return order;
    }
}
