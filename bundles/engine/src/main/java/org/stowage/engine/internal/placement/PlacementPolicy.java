package org.stowage.engine.internal.placement;

/**
 * How packs are placed: the name of the node selector (empty: the devices in configured order) and how many devices
 * must hold each pack.
 */
public record PlacementPolicy(String selectorName, int copies) {

    /** One copy on the first online device in configured order. */
    public static final PlacementPolicy SINGLE = new PlacementPolicy("", 1);

    public PlacementPolicy {
        selectorName = selectorName == null ? "" : selectorName.trim();
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1: " + copies);
        }
    }
}
