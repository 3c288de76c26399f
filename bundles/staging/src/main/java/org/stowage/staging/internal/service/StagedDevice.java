package org.stowage.staging.internal.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobExistsException;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceFullException;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;
import org.stowage.staging.internal.store.StagedContent;
import org.stowage.staging.internal.store.StagedItem;
import org.stowage.staging.internal.store.StagingStore;

/**
 * A device seen through staging (StagingService#staged): the {@link Device} contract holds for the pair "device +
 * what is staged for it", so the engine cannot tell a staged blob from a stored one, except that it arrives sooner.
 *
 * <p><b>put</b> is staged when the device is BUSY or blobs already wait for it (a drain then writes them in the
 * order they came: a tape gets one long run, never interleaved with new writes), and also when a direct put failed
 * with a {@link DeviceException} while the device turned BUSY (put is atomic, so nothing partial is left on it).
 * Not staged: {@code LOCK} blobs (a lock only this host sees protects nothing), blobs for an OFFLINE device (the put
 * fails, the engine fails over), {@link DeviceFullException} and {@link BlobExistsException} (staging would only
 * defer them), and nothing new when staging is disabled. Write-once: a name staged with other content, or already
 * on the device, is checked against the device's own rule. <b>get/stat/list</b> serve staged blobs (verified) with
 * the device's; <b>delete</b> releases a staged copy first, then deletes on the device, so a blob is never
 * resurrected by a later drain.
 *
 * <p>Thread-safe. Calls on one blob name are serialised with drains of it ({@link NameLocks}).
 */
class StagedDevice implements Device {

    private static final Logger LOG = LoggerFactory.getLogger(StagedDevice.class);

    protected final Device device;
    private final DeviceRecord record;
    private final StagingStore store;
    private final NameLocks locks;
    private final BooleanSupplier enabled;

    StagedDevice(Device device, DeviceRecord record, StagingStore store, NameLocks locks, BooleanSupplier enabled) {
        this.device = device;
        this.record = record;
        this.store = store;
        this.locks = locks;
        this.enabled = enabled;
    }

    @Override
    public DeviceDescriptor descriptor() {
        return device.descriptor();
    }

    /** The device's own status: staged bytes are in StagingService#report, DeviceStatus has no field for them. */
    @Override
    public DeviceStatus status() {
        return device.status();
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        int bytes = content.remaining();
        if (name.type() == BlobType.LOCK || name.type() == BlobType.CHECKPOINT) {
            // other processes must see locks and checkpoints at once, not after a drain
            device.put(name, content);
        } else {
            try (NameLocks.Held held = locks.lock(record.id, name)) {
                putLocked(name, content);
            }
        }
        record.putTraffic.record(bytes);
    }

    private void putLocked(BlobName name, ByteBuffer content) throws IOException {
        Optional<StagedContent> staged = store.read(record.id, name);
        if (staged.isPresent()) {
            if (!staged.get().content().equals(content.duplicate())) {
                throw new BlobExistsException(record.id, name);
            }
            return;
        }
        if (!mustStage()) {
            try {
                device.put(name, content);
                return;
            } catch (BlobExistsException | DeviceFullException e) {
                throw e;
            } catch (DeviceException e) {
                if (!enabled.getAsBoolean() || device.status().state() != DeviceState.BUSY) {
                    throw e;
                }
                LOG.info("Put of {} to device '{}' failed while it turned BUSY; staging it instead: {}", name,
                        record.id, e.getMessage());
            }
        } else if (device.stat(name).isPresent()) {
            device.put(name, content); // already there: the device's write-once rule decides, nothing to stage
            return;
        }
        store.stage(record.id, name, content);
    }

    /** BUSY, or blobs wait for it (so that they reach it in order); never for an OFFLINE device. */
    private boolean mustStage() {
        if (!enabled.getAsBoolean()) {
            return false;
        }
        DeviceState state = device.status().state();
        return state == DeviceState.BUSY || state == DeviceState.IDLE && store.usage(record.id).items() > 0;
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        Optional<StagedContent> staged = readStaged(name, range);
        return staged.isPresent() ? staged.get().content() : device.get(name, range);
    }

    /** Into the caller's buffer: the device's own read when not staged, so its no-copy path is kept. */
    @Override
    public void get(BlobName name, ByteRange range, ByteBuffer out) throws IOException {
        range.requireFits(name, out);
        Optional<StagedContent> staged = readStaged(name, range);
        if (staged.isEmpty()) {
            device.get(name, range, out);
            return;
        }
        out.put(staged.get().content());
    }

    /** The staged bytes of the range (only the blocks it overlaps are read), or empty when the blob is not staged. */
    private Optional<StagedContent> readStaged(BlobName name, ByteRange range) throws IOException {
        try {
            return store.read(record.id, name, range);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(record.id, e.getMessage());
        }
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        Optional<StagedItem> staged = store.item(record.id, name);
        return staged.isPresent() ? Optional.of(new BlobInfo(name, staged.get().sizeBytes())) : device.stat(name);
    }

    /** Each blob once: the device's, minus those also staged (drained, not yet released), then the staged ones. */
    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        Map<BlobName, Long> staged = new HashMap<>();
        for (StagedItem item : store.list(record.id)) {
            if (item.name().type() == type) {
                staged.put(item.name(), item.sizeBytes());
            }
        }
        device.list(type, info -> {
            if (!staged.containsKey(info.name())) {
                visitor.accept(info);
            }
        });
        staged.forEach((name, size) -> visitor.accept(new BlobInfo(name, size)));
    }

    /** Releases a staged copy first: were the device's delete to fail, a later drain cannot bring the blob back. */
    @Override
    public void delete(BlobName name) throws IOException {
        try (NameLocks.Held held = locks.lock(record.id, name)) {
            store.release(record.id, name);
            device.delete(name);
        }
    }

    @Override
    public ProbeResult probe(int bytes) throws IOException {
        return device.probe(bytes);
    }

    @Override
    public String toString() {
        return "staged view of device '" + record.id + "'";
    }
}
