package org.stowage.device.testkit;

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
import org.stowage.api.device.DeviceFullException;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;

/**
 * A device that keeps blobs in memory: the reference implementation of the {@link Device} contract, for tests of
 * everything above the driver layer. Thread-safe. Content is copied in and out, so callers cannot alias it.
 */
public class MemoryDevice implements Device {

    private final DeviceDescriptor descriptor;
    private final ConcurrentMap<BlobName, byte[]> blobs = new ConcurrentHashMap<>();

    public MemoryDevice(String id) {
        this(new DeviceDescriptor(id, "memory", DeviceKind.DISK, AccessType.RANDOM, 0));
    }

    public MemoryDevice(DeviceDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public DeviceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public DeviceStatus status() {
        long used = usedBytes();
        long free = descriptor.capacityBytes() == 0 ? -1 : Math.max(0, descriptor.capacityBytes() - used);
        return new DeviceStatus(DeviceState.IDLE, "", 0, 0, used, free);
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws DeviceException {
        byte[] bytes = new byte[content.remaining()];
        content.duplicate().get(bytes);
        synchronized (blobs) {
            byte[] existing = blobs.get(name);
            if (existing != null) {
                if (java.util.Arrays.equals(existing, bytes)) {
                    return;
                }
                throw new BlobExistsException(descriptor.id(), name);
            }
            long capacity = descriptor.capacityBytes();
            if (capacity > 0 && usedBytes() + bytes.length > capacity) {
                throw new DeviceFullException(descriptor.id(), name, bytes.length, capacity - usedBytes());
            }
            blobs.put(name, bytes);
        }
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws DeviceException {
        byte[] bytes = blobs.get(name);
        if (bytes == null) {
            throw new BlobNotFoundException(descriptor.id(), name);
        }
        if (range.isAll()) {
            return ByteBuffer.wrap(bytes.clone());
        }
        if (range.end() > bytes.length) {
            throw new DeviceException(descriptor.id(), "range " + range + " reaches past the end of " + name
                    + " (" + bytes.length + " bytes)");
        }
        byte[] slice = new byte[(int) range.length()];
        System.arraycopy(bytes, (int) range.offset(), slice, 0, slice.length);
        return ByteBuffer.wrap(slice);
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) {
        byte[] bytes = blobs.get(name);
        return bytes == null ? Optional.empty() : Optional.of(new BlobInfo(name, bytes.length));
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) {
        blobs.forEach((name, bytes) -> {
            if (name.type() == type) {
                visitor.accept(new BlobInfo(name, bytes.length));
            }
        });
    }

    @Override
    public void delete(BlobName name) {
        blobs.remove(name);
    }

    @Override
    public ProbeResult probe(int bytes) {
        long start = System.nanoTime();
        byte[] scratch = new byte[bytes];
        java.util.Arrays.fill(scratch, (byte) 1);
        return new ProbeResult(descriptor.id(), scratch.length, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Replaces a stored blob's bytes in place, bypassing the write-once rule: for tests that corrupt data to check
     * that readers detect it.
     */
    public void overwrite(BlobName name, byte[] content) {
        if (blobs.replace(name, content.clone()) == null) {
            throw new IllegalArgumentException("no blob " + name + " to overwrite");
        }
    }

    private long usedBytes() {
        return blobs.values().stream().mapToLong(b -> b.length).sum();
    }
}
