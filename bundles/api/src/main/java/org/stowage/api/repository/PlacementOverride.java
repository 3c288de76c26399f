package org.stowage.api.repository;

import java.util.List;
import java.util.Objects;

/**
 * Where one backup's packs go, overriding the repository's configuration for that backup only: a job may narrow the
 * repository's devices and name another selector or number of copies.
 *
 * @param devices  ids of the repository's devices this backup may write to, in order of preference; empty for all
 * @param selector the node selector's name; null for the repository's, empty for the configured order
 * @param copies   how many devices hold each pack; 0 for the repository's number
 * @since 1.4
 */
public record PlacementOverride(List<String> devices, String selector, int copies) {

    /** The repository's own placement. */
    public static final PlacementOverride REPOSITORY = new PlacementOverride(List.of(), null, 0);

    public PlacementOverride {
        devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
        if (copies < 0) {
            throw new IllegalArgumentException("copies must be 0 (the repository's number) or more: " + copies);
        }
    }

    /** Whether this changes nothing of the repository's placement. */
    public boolean isRepositorys() {
        return devices.isEmpty() && selector == null && copies == 0;
    }
}
