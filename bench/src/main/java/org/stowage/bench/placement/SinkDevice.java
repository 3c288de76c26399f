package org.stowage.bench.placement;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.DeviceException;
import org.stowage.device.testkit.MemoryDevice;

/**
 * A test kit {@link MemoryDevice} that keeps metadata (keys, config, index files, snapshots, locks) but only the names
 * and sizes of packs: a placement benchmark writes gigabytes of packs and never reads them back, and a device that
 * copied them would add its own memory traffic to the pace the bench sets. Wrapped in the test kit's
 * {@code FaultyDevice} with a bandwidth, it is a device that moves exactly that many bytes per second. Reading a pack
 * fails (not found), so a bench that did read one would fail loudly. Thread-safe.
 */
final class SinkDevice extends MemoryDevice {

    private final Map<BlobName, Long> packs = new ConcurrentHashMap<>();

    SinkDevice(String id) {
        super(id);
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws DeviceException {
        if (name.type() == BlobType.DATA) {
            packs.putIfAbsent(name, (long) content.remaining());
        } else {
            super.put(name, content);
        }
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
            Long size = packs.get(name);
            return size == null ? Optional.empty() : Optional.of(new BlobInfo(name, size));
        }
        return super.stat(name);
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) {
        if (type == BlobType.DATA) {
            packs.forEach((name, size) -> visitor.accept(new BlobInfo(name, size)));
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
