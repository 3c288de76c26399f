package org.stowage.api.staging.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.stowage.api.device.Device;
import org.stowage.api.staging.StagingService;

/**
 * The devices a consumer writes to, each behind the staging service's {@link StagingService#staged view} while a
 * staging service is bound, or itself while none is. The consumer's OSGi component forwards its device and staging
 * service (un)binds here, and its device set ({@link Members}) receives what to use: a device added, removed, or
 * replaced by its view or back. Replacing keeps the member in place (a repository does not see its only device go).
 *
 * <p>Blobs staged for a device are only readable through a view: while no staging service is bound they are not
 * visible (a restore reads them from other copies, or reports them missing), and they are again when one is.
 *
 * <p>Thread-safe: every method is synchronized, so {@link Members} sees the calls in order, one at a time.
 */
public final class StagingViews {

    /** The consumer's device set. Called with this object's lock held; must not call back. */
    public interface Members {

        void add(Device device, int weight);

        void remove(Device device);

        /** {@code next} takes the place of {@code current}: same id, same weight. */
        void replace(Device current, Device next, int weight);
    }

    /** A device service, what the consumer uses for it, and its weight. */
    private record Entry(Device device, Device used, int weight) {
    }

    private final Members members;
    /** In the order the devices came: the consumer sees swaps in that order. Device services by identity. */
    private final List<Entry> devices = new ArrayList<>();
    private StagingService staging;

    public StagingViews(Members members) {
        this.members = members;
    }

    /** A device service with its service properties (the selector weight {@link Device#PROP_SELECTOR_WEIGHT}). */
    public void deviceAdded(Device device, Map<String, ?> properties) {
        Object weight = properties.get(Device.PROP_SELECTOR_WEIGHT);
        deviceAdded(device, weight instanceof Number number ? number.intValue() : 1);
    }

    public synchronized void deviceAdded(Device device, int weight) {
        if (indexOf(device) < 0) {
            Entry entry = new Entry(device, use(device), weight);
            devices.add(entry);
            members.add(entry.used(), weight);
        }
    }

    public synchronized void deviceRemoved(Device device) {
        int index = indexOf(device);
        if (index >= 0) {
            members.remove(devices.remove(index).used());
        }
    }

    public synchronized void stagingAdded(StagingService service) {
        staging = service;
        swapAll();
    }

    /** Ignored unless {@code service} is the one bound (DS may bind the next before it unbinds the last). */
    public synchronized void stagingRemoved(StagingService service) {
        if (staging == service) {
            staging = null;
            swapAll();
        }
    }

    private void swapAll() {
        devices.replaceAll(entry -> {
            Device next = use(entry.device());
            members.replace(entry.used(), next, entry.weight());
            return new Entry(entry.device(), next, entry.weight());
        });
    }

    private int indexOf(Device device) {
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).device() == device) {
                return i;
            }
        }
        return -1;
    }

    private Device use(Device device) {
        return staging == null ? device : staging.staged(device);
    }
}
