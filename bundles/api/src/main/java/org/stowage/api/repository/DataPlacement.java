package org.stowage.api.repository;

import java.util.Map;
import java.util.Objects;

/**
 * On which devices a snapshot's data lies.
 *
 * @param storedBytes the stored (compressed, encrypted) bytes of every distinct blob the snapshot references
 * @param onDevice    for each device, the stored bytes of those blobs whose pack has a copy there; a device holding
 *                    all of them shows {@code storedBytes}
 * @since 1.4
 */
public record DataPlacement(long storedBytes, Map<String, Long> onDevice) {

    public DataPlacement {
        onDevice = Map.copyOf(Objects.requireNonNull(onDevice, "onDevice"));
    }
}
