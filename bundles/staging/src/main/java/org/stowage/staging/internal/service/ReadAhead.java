package org.stowage.staging.internal.service;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.stowage.api.device.BlobName;
import org.stowage.staging.internal.store.StagedContent;
import org.stowage.staging.internal.store.StagedItem;
import org.stowage.staging.internal.store.StagingStore;

/**
 * Reads a drain's next blob from staging (and verifies it) while the device takes the current one, so that a tape
 * streams from one put to the next instead of stopping for each read. At most one blob is read ahead. The early read
 * holds no name lock: {@link #read} uses it only if the blob is still staged in the version read, and reads again
 * otherwise (a newer version, or an early read that failed). Its thread is never interrupted, since an interrupt
 * would close a segment file other readers share. Not thread-safe: one drain run uses it.
 */
final class ReadAhead implements AutoCloseable {

    private final StagingStore store;
    private final String deviceId;
    private final ExecutorService reader;
    private BlobName pendingName;
    private Future<Optional<StagedContent>> pending;

    ReadAhead(StagingStore store, String deviceId) {
        this(store, deviceId, Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "stowage-drain-read-" + deviceId);
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** With the executor that reads ahead, which {@link #close} shuts down. */
    ReadAhead(StagingStore store, String deviceId, ExecutorService reader) {
        this.store = store;
        this.deviceId = deviceId;
        this.reader = reader;
    }

    /** Starts reading {@code next}; a read-ahead of another blob not taken yet is dropped. */
    void start(StagedItem next) {
        if (pending != null) {
            pending.cancel(false);
        }
        pendingName = next.name();
        pending = reader.submit(() -> store.read(deviceId, next.name()));
    }

    /**
     * The verified content of {@code name} as staged now (empty once it left staging): the read-ahead's when it read
     * this blob in its current version, else a read now. Call it holding the blob's name lock.
     */
    Optional<StagedContent> read(BlobName name) throws IOException {
        Future<Optional<StagedContent>> early = name.equals(pendingName) ? pending : null;
        if (early != null) {
            pending = null;
            pendingName = null;
            Optional<StagedContent> content = resultOrEmpty(early);
            Optional<StagedItem> now = store.item(deviceId, name);
            if (now.isEmpty()) {
                return Optional.empty();
            }
            if (content.isPresent() && content.get().item().version() == now.get().version()) {
                return content;
            }
        }
        return store.read(deviceId, name);
    }

    /** The early read's result, or empty if it failed or found nothing: the caller then reads again. */
    private static Optional<StagedContent> resultOrEmpty(Future<Optional<StagedContent>> early) throws IOException {
        try {
            return early.get();
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a staged blob's read");
        }
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.cancel(false);
        }
        reader.shutdown();
    }
}
