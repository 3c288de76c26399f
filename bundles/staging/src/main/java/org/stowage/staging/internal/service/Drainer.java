package org.stowage.staging.internal.service;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobExistsException;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.repository.IntegrityException;
import org.stowage.api.staging.DrainResult;
import org.stowage.api.staging.DrainResult.End;
import org.stowage.staging.internal.store.StagedContent;
import org.stowage.staging.internal.store.StagedItem;
import org.stowage.staging.internal.store.StagingStore;

/**
 * Writes a device's staged blobs to it, oldest first, in one thread and one run, so that a sequential device gets
 * one long streaming run (the views stage every new put while blobs wait, so nothing interleaves with the drain).
 *
 * <p>Per blob: read (verified) → the device's put → {@code releaseIfUnchanged} only after the put returned, i.e.
 * once the blob is durable on the device. The next blob is read while the device takes one ({@link ReadAhead}). A crash between the two leaves the blob staged; the next drain puts it
 * again, which the device takes as a no-op (the Device contract: a put of the same content is idempotent). The index
 * is not touched: it recorded the blob on this device when the view accepted it.
 *
 * <p>Before each blob the drain checks the device's state and the pause flag, and stops (leaving the rest staged)
 * when the device is BUSY or OFFLINE again, the device is paused, or the thread is interrupted. At most one drain
 * per device runs ({@link DeviceRecord#draining}); a second caller returns {@link End#ALREADY_DRAINING}. Thread-safe.
 */
final class Drainer {

    private static final Logger LOG = LoggerFactory.getLogger(Drainer.class);
    /** How long a drain waits for a blob a put or delete holds before it leaves it for the next batch. */
    private static final long NAME_WAIT_MILLIS = 1000;

    private final StagingStore store;
    private final NameLocks locks;
    private final Predicate<String> paused;

    Drainer(StagingStore store, NameLocks locks, Predicate<String> paused) {
        this.store = store;
        this.locks = locks;
        this.paused = paused;
    }

    DrainResult drain(DeviceRecord record) throws IOException {
        if (!record.draining.compareAndSet(false, true)) {
            return new DrainResult(record.id, End.ALREADY_DRAINING, 0, 0, Duration.ZERO, "a drain of device '"
                    + record.id + "' is running");
        }
        Run run = new Run(record);
        try {
            return run.loop();
        } finally {
            record.draining.set(false);
        }
    }

    /** One drain: its counters and the loop over batches of the device's queue. */
    private final class Run {
        private final DeviceRecord record;
        private final long start = System.nanoTime();
        private int blobs;
        private long bytes;

        Run(DeviceRecord record) {
            this.record = record;
        }

        DrainResult loop() throws IOException {
            try (ReadAhead ahead = new ReadAhead(store, record.id)) {
                while (true) {
                    List<StagedItem> batch = store.list(record.id);
                    if (batch.isEmpty()) {
                        return end(End.EMPTY, "");
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        Device device = record.device(); // once per blob: the service may go away meanwhile
                        Optional<DrainResult> stop = stopBefore(device);
                        if (stop.isPresent()) {
                            return stop.get();
                        }
                        Optional<StagedItem> next = i + 1 < batch.size() ? Optional.of(batch.get(i + 1))
                                : Optional.empty();
                        Optional<String> failure = writeOne(device, batch.get(i), next, ahead);
                        if (failure.isPresent()) {
                            record.lastError(failure.get());
                            return end(End.FAILED, failure.get());
                        }
                    }
                }
            }
        }

        private Optional<DrainResult> stopBefore(Device device) {
            if (Thread.currentThread().isInterrupted()) {
                return Optional.of(end(End.INTERRUPTED, "interrupted"));
            }
            if (paused.test(record.id)) {
                return Optional.of(end(End.PAUSED, "drains of device '" + record.id + "' are paused"));
            }
            if (device == null) {
                return Optional.of(end(End.DEVICE_OFFLINE, "device '" + record.id + "' is not available"));
            }
            DeviceStatus status = device.status();
            return switch (status.state()) {
                case IDLE -> Optional.empty();
                case BUSY -> Optional.of(end(End.DEVICE_BUSY, status.reason()));
                case OFFLINE -> Optional.of(end(End.DEVICE_OFFLINE, status.reason()));
            };
        }

        /**
         * Writes one blob and releases it, reading {@code next} ahead while the device takes it; empty on success
         * (or when it left staging meanwhile), else why not.
         */
        private Optional<String> writeOne(Device device, StagedItem item, Optional<StagedItem> next,
                                          ReadAhead ahead) throws IOException {
            Optional<NameLocks.Held> held = locks.tryLock(record.id, item.name(), NAME_WAIT_MILLIS);
            if (held.isEmpty()) {
                return Optional.empty(); // a put or delete of this very blob runs; the next batch sees its outcome
            }
            try (NameLocks.Held h = held.get()) {
                Optional<StagedContent> staged;
                try {
                    staged = ahead.read(item.name());
                } catch (IntegrityException e) {
                    LOG.error("Drain of device '{}' stops: the staged copy of {} is damaged", record.id,
                            item.name(), e);
                    return Optional.of(e.getMessage() + "; it stays staged and nothing after it is drained: check "
                            + "the staging volume, then the repository (stowage:check)");
                }
                if (staged.isEmpty()) {
                    return Optional.empty(); // deleted meanwhile
                }
                next.ifPresent(ahead::start);
                try {
                    device.put(item.name(), staged.get().content());
                } catch (InterruptedIOException e) {
                    throw e;
                } catch (BlobExistsException e) {
                    return Optional.of("device '" + record.id + "' holds other content under " + item.name()
                            + " than staging; the staged copy stays and the drain stops there. Check the repository "
                            + "(stowage:check); " + e.getMessage());
                } catch (IOException e) {
                    LOG.error("Drain of device '{}': put of {} failed; it and {} later blob(s) stay staged and "
                            + "are drained again when the device is IDLE", record.id, item.name(),
                            Math.max(0, store.usage(record.id).items() - 1), e);
                    return Optional.of("put of " + item.name() + " failed: " + e.getMessage());
                }
                store.releaseIfUnchanged(record.id, item.name(), staged.get().item().version());
            }
            blobs++;
            bytes += item.sizeBytes();
            record.lastError("");
            record.drainRate(bytes / Math.max(1e-3, (System.nanoTime() - start) / 1e9));
            return Optional.empty();
        }

        private DrainResult end(End end, String detail) {
            DrainResult result = new DrainResult(record.id, end, blobs, bytes,
                    Duration.ofNanos(System.nanoTime() - start), detail);
            if (blobs > 0 || end == End.FAILED) {
                LOG.info("Drain of device '{}': {} blob(s), {} bytes in {} ms; ended {}{}", record.id, blobs, bytes,
                        result.took().toMillis(), end, detail.isEmpty() ? "" : " (" + detail + ")");
            }
            return result;
        }
    }
}
