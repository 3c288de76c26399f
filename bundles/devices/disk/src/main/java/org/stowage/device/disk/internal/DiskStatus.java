package org.stowage.device.disk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.support.DeviceLoad;
import org.stowage.api.device.support.TrafficMeter;

/**
 * Whether a disk device's root is usable, its start-up work (remove stale temp files, count used bytes, test
 * folder fsync and unbuffered writes) and the status it reports. Start-up runs once, on the first call that finds
 * the root present, so a disk mounted after Stowage started is picked up. Thread-safe.
 */
final class DiskStatus {

    private static final Logger LOG = LoggerFactory.getLogger(DiskStatus.class);
    /**
     * A temp file not written to for this long is left by a crash; younger ones may belong to a put in flight of
     * another process on the same root (a put writes its file continuously and renames it within seconds).
     */
    static final Duration ABANDONED_TEMP_AGE = Duration.ofHours(1);
    static final String REMOVED = "the device was removed (driver bundle stopped or configuration deleted)";

    private final String deviceId;
    private final DiskLayout layout;
    private final UsedSpace space;
    private final DeviceLoad load;
    private final TrafficMeter traffic;
    private volatile boolean opened;
    private volatile boolean folderSync;
    private volatile Optional<UnbufferedWrites> unbuffered = Optional.empty();
    private volatile String openFailure = "";
    private volatile boolean removed;
    private volatile FileStore fileStore;

    DiskStatus(String deviceId, DiskLayout layout, UsedSpace space, DeviceLoad load, TrafficMeter traffic) {
        this.deviceId = deviceId;
        this.layout = layout;
        this.space = space;
        this.load = load;
        this.traffic = traffic;
    }

    /** Runs start-up if the root is there; a failure is logged, kept for {@link #current()} and retried later. */
    void tryOpen() {
        try {
            ensureOpen("start-up");
        } catch (DeviceException e) {
            if (!e.getMessage().equals(openFailure)) { // status is polled: log each new problem once
                LOG.warn("Device '{}' is offline: {}", deviceId, e.getMessage(), e);
            }
            openFailure = e.getMessage();
        }
    }

    /**
     * Checks that the root is a writable folder and runs start-up once.
     *
     * @throws DeviceException naming {@code what} was attempted, the root and what to do
     */
    void ensureOpen(String what) throws DeviceException {
        ensureNotRemoved(what);
        Optional<String> offline = offlineReason();
        if (offline.isPresent()) {
            throw new DeviceException(deviceId, what + " is not possible: " + offline.get());
        }
        if (!opened) {
            open();
        }
    }

    /**
     * From now on every operation fails without touching the medium, and the status is OFFLINE: the driver bundle
     * stopped or the configuration was deleted, and the engine must not record anything through this instance.
     */
    void markRemoved() {
        removed = true;
    }

    /** @throws DeviceException if the device was removed, saying that {@code what} was not recorded */
    void ensureNotRemoved(String what) throws DeviceException {
        if (removed) {
            throw new DeviceException(deviceId, REMOVED + "; the " + what + " was not recorded");
        }
    }

    /** Fsyncs {@code folder} where the file system supports it (tested at start-up). */
    void syncFolder(Path folder) throws IOException {
        if (folderSync) {
            DurableFiles.syncFolder(folder);
        }
    }

    /**
     * Creates {@code file} and writes {@code content} durably (see {@link DurableFiles#writeDurably}): bypassing the
     * page cache for large contents where the file system allows it (tested at start-up).
     */
    void writeDurably(Path file, ByteBuffer content) throws IOException {
        Optional<UnbufferedWrites> direct = unbuffered;
        if (direct.isPresent() && content.remaining() >= UnbufferedWrites.MIN_LENGTH) {
            direct.get().write(file, content);
        } else {
            DurableFiles.writeDurably(file, content);
        }
    }

    DeviceStatus current() {
        int inFlight = load.inFlight();
        double rate = traffic.bytesPerSecond();
        Optional<String> offline = offlineReason();
        if (offline.isEmpty() && !opened) {
            tryOpen();
            offline = opened ? Optional.empty() : Optional.of("start-up failed: " + openFailure);
        }
        if (offline.isPresent()) {
            return new DeviceStatus(DeviceState.OFFLINE, offline.get(), rate, inFlight, space.used(), 0);
        }
        long usable;
        try {
            usable = usableSpace();
        } catch (IOException e) {
            fileStore = null;
            return new DeviceStatus(DeviceState.OFFLINE, "cannot read the free space of " + layout.root() + ": " + e,
                    rate, inFlight, space.used(), 0);
        }
        long free = Math.min(space.leftUnderLimit(), usable);
        Optional<String> busy = load.busyReason();
        DeviceState state = busy.isPresent() ? DeviceState.BUSY : DeviceState.IDLE;
        return new DeviceStatus(state, busy.orElse(""), rate, inFlight, space.used(), free);
    }

    /**
     * The file system's usable bytes at the root. The {@link FileStore} is looked up once: the lookup reads the mount
     * table (~80 µs, against ~1 µs for the {@code statvfs} of the root that reading its space costs), and status is
     * asked for on every read of a pack. The store asks about the root's path each time, so a disk mounted there later
     * is the one measured.
     */
    private long usableSpace() throws IOException {
        FileStore store = fileStore;
        if (store == null) {
            store = Files.getFileStore(layout.root());
            fileStore = store;
        }
        return store.getUsableSpace();
    }

    private Optional<String> offlineReason() {
        if (removed) {
            return Optional.of(REMOVED);
        }
        Path root = layout.root();
        if (!Files.isDirectory(root)) {
            return Optional.of("root folder " + root + " is missing; mount the disk or fix the key 'path'");
        }
        if (!Files.isWritable(root)) {
            return Optional.of("root folder " + root + " is not writable; fix its permissions or mount it read-write");
        }
        return Optional.empty();
    }

    private synchronized void open() throws DeviceException {
        if (opened) {
            return;
        }
        Path root = layout.root();
        try {
            int stale = layout.removeAbandonedTemps(Instant.now().minus(ABANDONED_TEMP_AGE));
            space.reset(layout.scanUsedBytes());
            folderSync = DurableFiles.folderSyncWorks(root);
            if (folderSync && stale > 0) {
                DurableFiles.syncFolder(root);
            }
            unbuffered = UnbufferedWrites.probe(root);
            LOG.info("Device '{}' opened at {}: {} bytes in blobs, {} abandoned temp files removed, large blobs written {}",
                    deviceId, root, space.used(), stale,
                    unbuffered.isPresent() ? "unbuffered (O_DIRECT)" : "through the page cache");
        } catch (IOException e) {
            throw new DeviceException(deviceId, "start-up at " + root + " failed (removing stale temp files and "
                    + "counting used bytes): " + e + "; check the disk and its permissions", e);
        }
        opened = true;
        openFailure = "";
    }
}
