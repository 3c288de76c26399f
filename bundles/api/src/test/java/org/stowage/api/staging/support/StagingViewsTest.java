package org.stowage.api.staging.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.Device;
import org.stowage.api.staging.StagingService;

class StagingViewsTest {

    private final List<String> calls = new ArrayList<>();
    private final Map<Device, String> names = new HashMap<>();
    private final StagingViews views = new StagingViews(new StagingViews.Members() {
        @Override
        public void add(Device device, int weight) {
            calls.add("add " + names.get(device) + " " + weight);
        }

        @Override
        public void remove(Device device) {
            calls.add("remove " + names.get(device));
        }

        @Override
        public void replace(Device current, Device next, int weight) {
            calls.add("replace " + names.get(current) + " by " + names.get(next) + " " + weight);
        }
    });

    @Test
    void devicesAreUsedThemselvesUntilAStagingServiceComesAndAgainWhenItGoes() {
        Device disk = device("disk");
        views.deviceAdded(disk, 2);
        StagingService staging = staging();
        views.stagingAdded(staging);
        Device tape = device("tape");
        views.deviceAdded(tape, 1);
        views.stagingRemoved(staging());  // another service than the bound one: nothing changes
        views.stagingRemoved(staging);
        views.deviceRemoved(disk);
        views.deviceRemoved(disk);        // twice: the second is ignored
        assertEquals(List.of("add disk 2", "replace disk by view of disk 2", "add view of tape 1",
                "replace view of disk by disk 2", "replace view of tape by tape 1", "remove disk"),
                calls);
    }

    @Test
    void aDeviceRemovedWhileStagedLeavesAsItsView() {
        StagingService staging = staging();
        views.stagingAdded(staging);
        Device disk = device("disk");
        views.deviceAdded(disk, 1);
        views.deviceRemoved(disk);
        assertEquals(List.of("add view of disk 1", "remove view of disk"), calls);
    }

    private Device device(String name) {
        Device device = (Device) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Device.class},
                (proxy, method, args) -> method.getName().equals("toString") ? name
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                        : method.getName().equals("equals") ? proxy == args[0] : null);
        names.put(device, name);
        return device;
    }

    /** A staging service whose views are new devices named after the device they stage for. */
    private StagingService staging() {
        return (StagingService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StagingService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "staged" -> device("view of " + names.get((Device) args[0]));
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
