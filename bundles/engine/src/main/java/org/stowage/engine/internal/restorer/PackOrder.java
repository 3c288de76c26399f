package org.stowage.engine.internal.restorer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.stowage.api.device.MediaPosition;

/**
 * The order in which restore reads packs. Packs whose copy a read uses first lies on a positioned device (tape) are
 * read in medium position order — cartridge by cartridge, front to back — so that the drive streams forward instead
 * of locating back and forth; packs without a known position (on random-access devices) come last, in the given
 * order. When no pack has a position the given order is kept.
 */
final class PackOrder {

    private PackOrder() {
    }

    /**
     * {@code packIds} (iterated in their given order) rearranged by {@code positions} (pack id to where its first
     * copy lies, as {@link org.stowage.engine.internal.repo.PackCopies#readPosition} says); a new, modifiable list.
     */
    static List<String> of(Function<String, Optional<MediaPosition>> positions, Collection<String> packIds) {
        List<String> ordered = new ArrayList<>(packIds);
        Map<String, MediaPosition> where = new HashMap<>();
        for (String id : ordered) {
            positions.apply(id).ifPresent(p -> where.put(id, p));
        }
        if (!where.isEmpty()) {
            // List.sort is stable: packs with equal or unknown positions keep the given order.
            ordered.sort(Comparator.comparing(where::get, Comparator.nullsLast(Comparator.naturalOrder())));
        }
        return ordered;
    }
}
