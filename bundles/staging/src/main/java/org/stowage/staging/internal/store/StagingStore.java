package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.ByteRange;
import org.stowage.api.staging.StagingFullException;

/**
 * The durable staging space of source design S1 (docs/design.md §16): blobs meant for a busy device wait here until
 * their device took them. Plain Java; the OSGi service, drain route and shell are built on it.
 *
 * <p><b>Durability.</b> When {@link #stage} returns, the object survives a crash (kill -9, power loss on a disk
 * that honours fsync): its blocks and then its journal record were forced to disk. When {@link #release} returns
 * the object is gone for good and never listed again. An object whose stage had not returned at a crash is either
 * wholly there or wholly absent after the next {@link #open}; never partly, never twice.
 *
 * <p><b>Content.</b> Staged bytes are opaque and stored as given: the engine stages packs already encrypted exactly
 * as they go to a device, so no plaintext reaches the staging volume.
 *
 * <p><b>Thread safety.</b> Every method is thread-safe. Stages and releases are serialised where they write (one
 * writer at a time, fsyncs included); reads, listings and figures run in parallel with them. Two stages of the same
 * (device, name) commit in some order and the later one is the staged version. {@link #close} must not overlap
 * other calls.
 *
 * <p><b>Back pressure.</b> A stage that would take the live bytes past {@link #capacityBytes()} waits until
 * releases free room, up to a timeout, and then fails with {@link StagingFullException}; nothing is ever dropped.
 */
public final class StagingStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StagingStore.class);

    private final StoreCore core;
    private final DirectoryLock lock;
    private final Stager stager;
    private final ObjectReader reader;
    private final Reclaimer reclaimer;
    private volatile boolean closed;

    private StagingStore(StoreCore core, DirectoryLock lock) {
        this.core = core;
        this.lock = lock;
        this.reclaimer = new Reclaimer(core);
        this.stager = new Stager(core, reclaimer);
        this.reader = new ObjectReader(core);
    }

    /**
     * Opens the store in {@code dir} (created if absent), replaying its journal: every object whose stage returned
     * before a crash is there again, a torn last record is cut off, and blocks no object references are reclaimed.
     *
     * @throws IOException if the directory is in use by another store, or the journal is damaged other than by a
     *                     crash (the message says which offset and what to do)
     */
    public static StagingStore open(Path dir, StoreOptions options) throws IOException {
        Files.createDirectories(dir);
        DirectoryLock lock = DirectoryLock.acquire(dir);
        try {
            MappingTable table = new MappingTable();
            Journal journal = Journal.open(dir.resolve("journal"), table::apply);
            SegmentSet segments = SegmentSet.open(dir.resolve("segments"), options.segmentBytes());
            StagingStore store = new StagingStore(new StoreCore(dir, options, table, segments, journal), lock);
            store.recover();
            return store;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private void recover() throws IOException {
        core.appendLock.lock();
        try {
            reclaimer.run();
            LOG.info("Staging store {} open: {} objects, {} live bytes, {} bytes in segments", core.dir,
                    core.inState(core.table::objectCount), usedBytes(), core.segments.diskBytes());
        } finally {
            core.appendLock.unlock();
        }
    }

    /** Stages with the configured {@link StoreOptions#stageTimeout()}. */
    public StagedItem stage(String deviceId, BlobName name, ByteBuffer content) throws IOException {
        return stage(deviceId, name, content, core.options.stageTimeout());
    }

    /**
     * Stores {@code content} (position to limit; the buffer is not moved) durably as the staged blob {@code name}
     * for {@code deviceId}, replacing any staged version of it: blocks the store already holds are not written
     * again, and the replaced version keeps its place in the device's queue.
     *
     * @param maxWait how long to wait for room when the store is full
     * @return the listing of the version now staged
     * @throws StagingFullException           if the blob is larger than the whole capacity, or no room was freed
     *                                        within {@code maxWait}; nothing was staged
     * @throws java.io.InterruptedIOException if interrupted while waiting; nothing was staged
     * @throws IOException                    if writing failed; nothing was staged
     */
    public StagedItem stage(String deviceId, BlobName name, ByteBuffer content, Duration maxWait) throws IOException {
        requireDevice(deviceId);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(maxWait, "maxWait");
        requireOpen();
        return stager.stage(deviceId, name, content, maxWait);
    }

    /**
     * The staged bytes of a blob, every block verified (its SHA-256 or its CRC32C, as its header's version says), with
     * the listing of that version.
     *
     * @throws StagedBlockDamagedException if a block fails verification (it names the object and block)
     */
    public Optional<StagedContent> read(String deviceId, BlobName name) throws IOException {
        return read(deviceId, name, ByteRange.ALL);
    }

    /**
     * The staged bytes of {@code range} of a blob: only the blocks that overlap it are read, each verified as
     * {@link #read(String, BlobName)} says, with the listing of that version.
     *
     * @throws IllegalArgumentException if a bounded range reaches past the end of the blob
     * @throws StagedBlockDamagedException if a block read fails verification (it names the object and block)
     */
    public Optional<StagedContent> read(String deviceId, BlobName name, ByteRange range) throws IOException {
        Objects.requireNonNull(range, "range");
        requireOpen();
        return reader.read(requireDevice(deviceId), Objects.requireNonNull(name, "name"), range);
    }

    /** The listing of a staged blob, if staged. */
    public Optional<StagedItem> item(String deviceId, BlobName name) {
        return core.inState(() -> core.table.get(deviceId, name).map(StagedObject::item));
    }

    /** The blobs staged for a device, oldest first (the order a drain should write them in). */
    public List<StagedItem> list(String deviceId) {
        return core.inState(() -> core.table.list(deviceId));
    }

    /** Per device with anything staged: bytes, items, oldest item. Devices in id order. */
    public List<DeviceUsage> usage() {
        return core.inState(core.table::usage);
    }

    /** One device's figures (zero when nothing is staged for it). */
    public DeviceUsage usage(String deviceId) {
        return usage().stream().filter(u -> u.deviceId().equals(deviceId)).findFirst()
                .orElse(new DeviceUsage(deviceId, 0, 0, Optional.empty()));
    }

    /**
     * Removes a blob from staging; call it only once the blob is durable on its device (and recorded). Idempotent:
     * releasing what is not staged returns false and writes nothing. Durable when it returns.
     */
    public boolean release(String deviceId, BlobName name) throws IOException {
        return release(deviceId, name, OptionalLong.empty());
    }

    /**
     * Releases the blob only if its staged version is still {@code version} (from the {@link StagedItem} the drain
     * wrote). Returns false, releasing nothing, if it is not staged or a newer version was staged meanwhile: that
     * one has not reached the device yet and must be drained too.
     */
    public boolean releaseIfUnchanged(String deviceId, BlobName name, long version) throws IOException {
        return release(deviceId, name, OptionalLong.of(version));
    }

    private boolean release(String deviceId, BlobName name, OptionalLong version) throws IOException {
        requireDevice(deviceId);
        Objects.requireNonNull(name, "name");
        requireOpen();
        core.appendLock.lock();
        try {
            boolean matches = core.inState(() -> core.table.get(deviceId, name)
                    .filter(o -> version.isEmpty() || o.item().version() == version.getAsLong()).isPresent());
            if (!matches) {
                return false;
            }
            core.commit(new JournalRecord.Release(deviceId, name));
            try {
                reclaimer.run();
            } catch (IOException | RuntimeException e) {
                logReclaimFailure(core.dir, "releasing " + name + " for '" + deviceId + "'", e);
            }
            return true;
        } finally {
            core.appendLock.unlock();
        }
    }

    /** Bytes of live block records (data and headers, each shared block once): what the capacity bounds. */
    public long usedBytes() {
        return core.inState(() -> core.table.blocks().liveBytes());
    }

    /** Bytes the store takes on its volume: segment files (live and not yet reclaimed blocks) and the journal. */
    public long diskBytes() {
        return core.segments.diskBytes() + core.journal.size();
    }

    public long capacityBytes() {
        return core.gate.capacity();
    }

    /** Changes the capacity (e.g. from {@code StagingSizer}); waiting stages re-check at once. */
    public void setCapacityBytes(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("staging capacity must be positive, got " + capacityBytes);
        }
        core.gate.capacityChanged(capacityBytes);
    }

    public Path directory() {
        return core.dir;
    }

    /** Closes files and the directory lock. Nothing is lost: every returned stage and release is already durable. */
    @Override
    public void close() throws IOException {
        core.appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try (DirectoryLock l = lock; Journal j = core.journal; SegmentSet s = core.segments) {
                LOG.debug("Closing staging store {}", core.dir);
            }
        } finally {
            core.appendLock.unlock();
        }
    }

    static void logReclaimFailure(Path dir, String during, Exception e) {
        LOG.error("Staging store {}: reclaiming space after {} failed; that operation itself is durable, the space "
                + "is retried after the next stage or release and at the next start", dir, during, e);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("staging store " + core.dir + " is closed");
        }
    }

    private static String requireDevice(String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("a staged blob needs the id of its device, got '" + deviceId + "'");
        }
        return deviceId;
    }
}
