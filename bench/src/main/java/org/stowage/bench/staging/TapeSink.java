package org.stowage.bench.staging;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobExistsException;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceKind;
import org.stowage.device.testkit.MemoryDevice;

/**
 * The virtual tape's medium: a test kit {@link MemoryDevice} of kind TAPE and SEQUENTIAL access that keeps metadata
 * but of each pack only its size and CRC32C, so that the bench can prove, after the drain, that the tape received
 * every byte of every pack the disk holds, without holding a second gigabyte in memory or writing it to the disk
 * the other devices and staging share. Its pace (a modest drive rate) comes from the test kit's {@code FaultyDevice}
 * around it; reading a pack back fails (the bench never does). Write-once like every device: a second put of a
 * pack with the same bytes is a no-op (a drain that repeats a put), other bytes are refused. Thread-safe.
 */
final class TapeSink extends MemoryDevice {

    /** A pack as the tape took it. */
    record Pack(long size, long crc32c) {
    }

    private final Map<BlobName, Pack> packs = new ConcurrentHashMap<>();

    TapeSink(String id) {
        super(new DeviceDescriptor(id, "virtual-tape", DeviceKind.TAPE, AccessType.SEQUENTIAL, 0));
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws DeviceException {
        if (name.type() != BlobType.DATA) {
            super.put(name, content);
            return;
        }
        Pack pack = new Pack(content.remaining(), crc32c(content));
        Pack earlier = packs.putIfAbsent(name, pack);
        if (earlier != null && !earlier.equals(pack)) {
            throw new BlobExistsException(descriptor().id(), name);
        }
    }

    static long crc32c(ByteBuffer content) {
        CRC32C crc = new CRC32C();
        crc.update(content.duplicate());
        return crc.getValue();
    }

    /** Every pack the tape holds, by name. */
    Map<BlobName, Pack> packs() {
        return Map.copyOf(packs);
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws DeviceException {
        if (name.type() == BlobType.DATA) {
            throw new BlobNotFoundException(descriptor().id(), name);
        }
        return super.get(name, range);
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) {
        if (name.type() == BlobType.DATA) {
            Pack pack = packs.get(name);
            return pack == null ? Optional.empty() : Optional.of(new BlobInfo(name, pack.size()));
        }
        return super.stat(name);
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) {
        if (type == BlobType.DATA) {
            packs.forEach((name, pack) -> visitor.accept(new BlobInfo(name, pack.size())));
        } else {
            super.list(type, visitor);
        }
    }

    @Override
    public void delete(BlobName name) {
        packs.remove(name);
        super.delete(name);
    }
}
