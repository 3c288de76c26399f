package org.stowage.engine.internal.placement;

import java.util.function.Supplier;

import org.stowage.api.device.Device;
import org.stowage.api.placement.DeviceSpeeds;
import org.stowage.api.placement.PackPlacement;
import org.stowage.api.placement.PackPlacement.PlacementRequest;

/**
 * What a repository is stored on and how packs are placed there: its devices, the selectors to choose from, the
 * placement policy (selector name, copies), the measured device speeds, and the placement service (the Camel routes
 * of stowage-routing) when one is installed.
 *
 * @param routes the placement service now, or null while none is installed (packs are then written directly)
 */
public record StorageSpec(DeviceSet devices, Selectors selectors, PlacementPolicy policy, DeviceSpeeds speeds,
                          Supplier<PackPlacement> routes) {

    /** One copy on the first of these devices that is online (a single device: that device), written directly. */
    public static StorageSpec of(Device... devices) {
        return of(DeviceSet.of(devices), Selectors.NONE, PlacementPolicy.SINGLE);
    }

    /** These devices, selectors and policy, written directly (no placement service). */
    public static StorageSpec of(DeviceSet devices, Selectors selectors, PlacementPolicy policy) {
        return new StorageSpec(devices, selectors, policy, new SpeedLog(), () -> null);
    }

    /** The devices as one; no index yet, so every device may hold any pack. */
    public RepositoryDevices direct() {
        return new RepositoryDevices(devices, placementFor(devices, policy), PackLocations.UNKNOWN, speeds);
    }

    /**
     * How packs are placed on {@code targets} (these devices or some of them) by {@code with}: through the placement
     * service while one is installed, else straight to the devices.
     */
    public Placement placementFor(DeviceSet targets, PlacementPolicy with) {
        DirectPlacement direct = new DirectPlacement(targets, selectors, with, speeds);
        return (name, pack, stream, everywhere) -> {
            PackPlacement service = routes.get();
            return service == null ? direct.place(name, pack, stream, everywhere)
                    : service.place(new PlacementRequest(name, stream, targets.ids(), with.selectorName(),
                            with.copies(), everywhere), pack);
        };
    }
}
