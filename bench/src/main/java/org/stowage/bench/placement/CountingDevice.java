package org.stowage.bench.placement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;

/**
 * Counts the pack bytes that a device took (puts that returned) and tells a listener after each one: the bench's
 * per-device shares, and the trigger of the half-way speed change. Otherwise the wrapped device. Thread-safe.
 */
final class CountingDevice implements Device {

    private final Device delegate;
    private final LongConsumer onPack;
    private final AtomicLong packBytes = new AtomicLong();
    private final AtomicLong packs = new AtomicLong();

    /** @param onPack called with the size of each pack the device took, after the put returned */
    CountingDevice(Device delegate, LongConsumer onPack) {
        this.delegate = delegate;
        this.onPack = onPack;
    }

    long packBytes() {
        return packBytes.get();
    }

    long packs() {
        return packs.get();
    }

    @Override
    public DeviceDescriptor descriptor() {
        return delegate.descriptor();
    }

    @Override
    public DeviceStatus status() {
        return delegate.status();
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        long bytes = content.remaining();
        delegate.put(name, content);
        if (name.type() == BlobType.DATA) {
            packBytes.addAndGet(bytes);
            packs.incrementAndGet();
            onPack.accept(bytes);
        }
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        return delegate.get(name, range);
    }

    @Override
    public void get(BlobName name, ByteRange range, ByteBuffer out) throws IOException {
        delegate.get(name, range, out);
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        return delegate.stat(name);
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        delegate.list(type, visitor);
    }

    @Override
    public void delete(BlobName name) throws IOException {
        delegate.delete(name);
    }

    @Override
    public ProbeResult probe(int bytes) throws IOException {
        return delegate.probe(bytes);
    }
}
