package org.stowage.api.device;

import java.time.Instant;

/**
 * Lets an operator mark a device busy for a while (e.g. a NAS another system uses during its own backup), so that
 * data meant for it is staged instead of written. Implemented by drivers' device services next to {@link Device};
 * the shell's {@code stowage:device-busy} and {@code stowage:device-idle} use it. Thread-safe.
 */
public interface BusyControl {

    /**
     * Reports BUSY with {@code reason} until {@code until}, or until {@link #clearBusy()} when {@code until} is null.
     */
    void setBusy(String reason, Instant until);

    /** Ends an operator-set busy period; the device's own condition decides its state again. */
    void clearBusy();
}
