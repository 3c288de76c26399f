package org.stowage.engine.internal.placement;

import org.stowage.api.device.Device;

/**
 * What a repository is stored on and how packs are placed there: its devices, the selectors to choose from and the
 * placement policy (selector name, copies).
 */
public record StorageSpec(DeviceSet devices, Selectors selectors, PlacementPolicy policy) {

    /** One copy on the first of these devices that is online (a single device: that device). */
    public static StorageSpec of(Device... devices) {
        return new StorageSpec(DeviceSet.of(devices), Selectors.NONE, PlacementPolicy.SINGLE);
    }

    /** The devices as one, placing packs directly (no index yet: every device may hold any pack). */
    public RepositoryDevices direct() {
        SpeedLog speeds = new SpeedLog();
        return new RepositoryDevices(devices, new DirectPlacement(devices, selectors, policy, speeds),
                PackLocations.UNKNOWN, speeds);
    }
}
