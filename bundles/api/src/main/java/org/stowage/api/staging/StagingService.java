package org.stowage.api.staging;

import java.io.IOException;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.stowage.api.device.Device;

/**
 * The staging space of source design S1, offered to the placement path as a device decorator: the engine writes
 * to {@link #staged(Device) a staged view} of each member device instead of the device itself, and the view puts a
 * blob into durable staging when the device is BUSY, so that a busy device never holds a backup up. Staged blobs
 * are written to their device later, oldest first, by {@link #drain(String)}.
 *
 * <p><b>Thread safety.</b> Every method, and every method of a view, may be called from any thread at any time.
 * At most one drain runs per device; drains of different devices run in parallel.
 *
 * <p><b>Durability.</b> A view's {@code put} that returns has its blob durable either on the device or in staging
 * (fsynced, it survives kill -9 and power loss). A staged blob leaves staging only after its device's {@code put}
 * returned (the device's own durability promise); a crash in between writes it to the device again after the
 * restart, which the device takes as a no-op (put of the same content is idempotent). Nothing accepted is dropped:
 * when staging is full, the view's put waits (back pressure) and, after the configured wait, fails with
 * {@link StagingFullException}.
 *
 * <p>Implemented by the staging bundle only (provider type): consumers call it, they do not implement it.
 */
@ProviderType
public interface StagingService {

    /**
     * A view of {@code device} that stages what the device cannot take now and serves staged blobs from staging.
     * It is a {@link Device} and, when {@code device} is one, a {@link org.stowage.api.device.PositionedDevice}. Its
     * status is the device's own status; what is staged for it is in {@link #report()}. Asking twice for the same
     * device object returns views that share their state.
     *
     * <ul>
     *   <li>put: staged when the device is BUSY, or blobs are already staged for it (so they reach it in order), or
     *       a direct put failed while the device turned BUSY; otherwise written to the device. Never staged for an
     *       OFFLINE device (the put fails and the caller fails over), never for {@code LOCK} blobs (a lock other
     *       hosts cannot see protects nothing). Write-once as the {@link Device} contract says.</li>
     *   <li>get, stat, list: staged blobs, verified, together with the device's own.</li>
     *   <li>delete: releases a staged copy and deletes on the device.</li>
     * </ul>
     */
    Device staged(Device device);

    /**
     * Writes the blobs staged for the device to it now, oldest first, each released from staging only after the
     * device's put returned. Runs in the calling thread and returns when nothing is left, or earlier (see
     * {@link DrainResult.End}): the device turned BUSY or OFFLINE, the drain was paused, a put failed, or another
     * drain of that device is running. Interrupting the thread stops the drain after the blob being written.
     *
     * @throws IllegalArgumentException if no device with that id is known to staging (neither a device service nor
     *                                  a device passed to {@link #staged})
     * @throws IOException              if staging itself cannot be read (the blob stays staged)
     */
    DrainResult drain(String deviceId) throws IOException;

    /**
     * Stops drains of the device until {@link #resume}: the running one after its current blob, automatic ones are
     * not started, and {@link #drain} returns {@link DrainResult.End#PAUSED}. Puts are still staged. Lasts until
     * resumed, also across restarts. Idempotent.
     */
    void pause(String deviceId) throws IOException;

    /** Lets drains of the device run again; the next status poll drains it if it is IDLE. Idempotent. */
    void resume(String deviceId) throws IOException;

    /** The staging space now: its limit and why, and per device what waits and how draining goes. */
    StagingReport report();

    /** One device's part of {@link #report()}, if staging knows the device or holds blobs for it. */
    default Optional<DeviceStaging> report(String deviceId) {
        return report().devices().stream().filter(d -> d.deviceId().equals(deviceId)).findFirst();
    }
}
