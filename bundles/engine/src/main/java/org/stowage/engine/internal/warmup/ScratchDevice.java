package org.stowage.engine.internal.warmup;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobExistsException;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;

/**
 * The throwaway device of a {@link Rehearsal}: blobs in direct memory, gone with the object. Not the test kit's
 * memory device: the engine does not depend on a test kit, and a rehearsal needs no capacity limit nor fault
 * injection. Thread-safe.
 */
final class ScratchDevice implements Device {

    private final DeviceDescriptor descriptor =
            new DeviceDescriptor("warmup", "memory", DeviceKind.DISK, AccessType.RANDOM, 0);
    private final ConcurrentMap<BlobName, ByteBuffer> blobs = new ConcurrentHashMap<>();

    @Override
    public DeviceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public DeviceStatus status() {
        return new DeviceStatus(DeviceState.IDLE, "", 0, 0, 0, -1);
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws DeviceException {
        ByteBuffer copy = copy(content);
        ByteBuffer existing = blobs.putIfAbsent(name, copy);
        if (existing != null && !existing.equals(copy)) {
            throw new BlobExistsException(descriptor.id(), name);
        }
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws DeviceException {
        ByteBuffer blob = blobs.get(name);
        if (blob == null) {
            throw new BlobNotFoundException(descriptor.id(), name);
        }
        if (range.isAll()) {
            return copy(blob);
        }
        if (range.end() > blob.limit()) {
            throw new DeviceException(descriptor.id(), "range " + range + " reaches past the end of " + name);
        }
        return copy(blob.slice((int) range.offset(), (int) range.length()));
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) {
        ByteBuffer blob = blobs.get(name);
        return blob == null ? Optional.empty() : Optional.of(new BlobInfo(name, blob.limit()));
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) {
        blobs.forEach((name, blob) -> {
            if (name.type() == type) {
                visitor.accept(new BlobInfo(name, blob.limit()));
            }
        });
    }

    @Override
    public void delete(BlobName name) {
        blobs.remove(name);
    }

    /** Callers may neither change what is stored nor see what they put change: content is copied in and out. */
    private static ByteBuffer copy(ByteBuffer content) {
        return ByteBuffer.allocateDirect(content.remaining()).put(content.duplicate()).flip();
    }

    @Override
    public ProbeResult probe(int bytes) {
        return new ProbeResult(descriptor.id(), bytes, Duration.ZERO);
    }
}
