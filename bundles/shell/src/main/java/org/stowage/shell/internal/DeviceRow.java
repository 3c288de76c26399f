package org.stowage.shell.internal;

import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceStatus;

/**
 * One device as the devices command shows it (and as {@code --json} writes it). A device whose status call fails
 * is shown with state ERROR and the failure as reason, so one broken driver does not hide the others.
 */
record DeviceRow(String id, String family, String kind, String access, String state, String reason,
                 double trafficBytesPerSecond, int queueDepth, long usedBytes, long freeBytes, long repositoryBytes) {

    /** Without the repository's share (-1). */
    static DeviceRow of(Device device) {
        return of(device, -1);
    }

    /**
     * @param repositoryBytes bytes of the repository's packs that the index records on this device (its share of
     *                        the repository), -1 when the repository is not ready
     */
    static DeviceRow of(Device device, long repositoryBytes) {
        DeviceDescriptor d = device.descriptor();
        DeviceStatus s;
        try {
            s = device.status();
        } catch (RuntimeException e) {
            return new DeviceRow(d.id(), d.family(), d.kind().name(), d.access().name(), "ERROR",
                    "status failed: " + e.getMessage(), 0, 0, -1, -1, repositoryBytes);
        }
        return new DeviceRow(d.id(), d.family(), d.kind().name(), d.access().name(), s.state().name(), s.reason(),
                s.trafficBytesPerSecond(), s.queueDepth(), s.usedBytes(), s.freeBytes(), repositoryBytes);
    }
}
