package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;

/**
 * A device decorator that injects faults: puts of chosen blob types fail, and deletes fail after a budget is spent
 * (a crash in the middle of a delete sequence). Thread-safe.
 */
public final class FaultyDevice implements Device {

    private final Device delegate;
    private volatile BlobType failPutsOf;
    private final AtomicInteger deletesLeft = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger deletes = new AtomicInteger();

    public FaultyDevice(Device delegate) {
        this.delegate = delegate;
    }

    /** Every later put of {@code type} fails (null: none). */
    public FaultyDevice failPutsOf(BlobType type) {
        this.failPutsOf = type;
        return this;
    }

    /** After {@code n} more successful deletes, every delete fails. */
    public FaultyDevice failDeletesAfter(int n) {
        deletesLeft.set(n);
        return this;
    }

    public int deletes() {
        return deletes.get();
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
        if (name.type() == failPutsOf) {
            throw new DeviceException(descriptor().id(), "injected failure writing " + name);
        }
        delegate.put(name, content);
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        return delegate.get(name, range);
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
        if (deletesLeft.getAndDecrement() <= 0) {
            throw new DeviceException(descriptor().id(), "injected crash before deleting " + name);
        }
        delegate.delete(name);
        deletes.incrementAndGet();
    }

    @Override
    public ProbeResult probe(int bytes) throws IOException {
        return delegate.probe(bytes);
    }
}
