package org.stowage.engine.internal.placement;

import java.util.List;

/** Which devices hold a copy of a pack, as the index records it. Thread-safe. */
@FunctionalInterface
public interface PackLocations {

    /** Nothing is known: every online device may hold any pack. */
    PackLocations UNKNOWN = packId -> List.of();

    /** The ids of the devices that hold a copy of {@code packId}, empty if the index does not know it. */
    List<String> devicesOf(String packId);
}
