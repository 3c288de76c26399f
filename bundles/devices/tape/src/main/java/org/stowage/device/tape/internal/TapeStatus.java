package org.stowage.device.tape.internal;

import java.io.IOException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.support.DeviceLoad;
import org.stowage.api.device.support.TrafficMeter;

/**
 * Whether a tape device's medium is there, its start-up (scanning the cartridges to rebuild the catalog; once, on
 * the first call that finds the medium, so a library folder or LTFS mount that appears later is picked up) and
 * the status it reports: OFFLINE with the reason, else BUSY for an operator's period or a busy window, else BUSY
 * with what the drive does, else IDLE. Thread-safe.
 */
final class TapeStatus {

    private static final Logger LOG = LoggerFactory.getLogger(TapeStatus.class);

    private final DeviceDescriptor descriptor;
    private final TapeLibrary library;
    private final TapeDrive drive;
    private final Changer changer;
    private final DeviceLoad load;
    private final TrafficMeter traffic;
    private volatile boolean opened;
    private volatile String openFailure = "";

    TapeStatus(DeviceDescriptor descriptor, TapeLibrary library, TapeDrive drive, Changer changer, DeviceLoad load,
               TrafficMeter traffic) {
        this.descriptor = descriptor;
        this.library = library;
        this.drive = drive;
        this.changer = changer;
        this.load = load;
        this.traffic = traffic;
    }

    boolean isOpen() {
        return opened;
    }

    /** Runs start-up if the medium is there; a failure is logged, kept for {@link #current()} and retried later. */
    void tryOpen() {
        try {
            ensureOpen("start-up");
        } catch (DeviceException e) {
            if (!e.getMessage().equals(openFailure)) {
                LOG.warn("Device '{}' is offline: {}", descriptor.id(), e.getMessage(), e);
            }
            openFailure = e.getMessage();
        }
    }

    /** Checks the medium is there and runs start-up once; throws naming {@code what} and what to do. */
    void ensureOpen(String what) throws DeviceException {
        Optional<String> offline = library.medium().offlineReason();
        if (offline.isPresent()) {
            throw new DeviceException(descriptor.id(), what + " is not possible: " + offline.get());
        }
        if (!opened) {
            open();
        }
    }

    private synchronized void open() throws DeviceException {
        if (opened) {
            return;
        }
        try {
            drive.use("reading the cartridges' catalogs", () -> {
                library.open();
                return null;
            });
        } catch (IOException e) {
            throw new DeviceException(descriptor.id(), "start-up of " + library.medium().describe() + " failed "
                    + "(scanning the cartridges): " + e + "; check the cartridge files", e);
        }
        opened = true;
        openFailure = "";
        LOG.info("Device '{}' opened {}: {} live blobs, {} bytes written", descriptor.id(),
                library.medium().describe(), library.entries().size(), library.used());
    }

    DeviceStatus current() {
        double rate = traffic.bytesPerSecond();
        int queue = drive.queueDepth();
        Optional<String> offline = library.medium().offlineReason();
        if (offline.isEmpty() && !opened) {
            tryOpen();
            offline = opened ? Optional.empty() : Optional.of("start-up failed: " + openFailure);
        }
        long used = library.used();
        if (offline.isPresent()) {
            return new DeviceStatus(DeviceState.OFFLINE, offline.get(), rate, queue, used, 0);
        }
        Optional<String> busy = load.busyReason().or(drive::activity);
        return new DeviceStatus(busy.isPresent() ? DeviceState.BUSY : DeviceState.IDLE, busy.orElse(""), rate,
                queue, used, free(used));
    }

    private long free(long used) {
        long media = library.cartridges().stream()
                .filter(s -> s.labelled || library.medium().mayLabel()).mapToLong(changer::room).sum();
        long limit = descriptor.capacityBytes();
        return limit > 0 ? Math.max(0, Math.min(media, limit - used)) : media;
    }
}
