package org.stowage.engine.internal.restorer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.Device;
import org.stowage.api.device.MediaPosition;
import org.stowage.api.device.PositionedDevice;

/**
 * The order in which restore reads packs. On a {@link PositionedDevice} (tape) packs are read in medium position
 * order — cartridge by cartridge, front to back — so that the drive streams forward instead of locating back and
 * forth; packs without a known position come last, in the given order. On other devices the given order is kept.
 */
final class PackOrder {

    private PackOrder() {
    }

    /** {@code packIds} (iterated in their given order) rearranged for {@code device}; a new, modifiable list. */
    static List<String> of(Device device, Collection<String> packIds) {
        List<String> ordered = new ArrayList<>(packIds);
        if (device instanceof PositionedDevice positioned) {
            Map<String, MediaPosition> where = new HashMap<>();
            for (String id : ordered) {
                positioned.position(BlobName.of(BlobType.DATA, id)).ifPresent(p -> where.put(id, p));
            }
            // List.sort is stable: packs with equal or unknown positions keep the given order.
            ordered.sort(Comparator.comparing(where::get, Comparator.nullsLast(Comparator.naturalOrder())));
        }
        return ordered;
    }
}
