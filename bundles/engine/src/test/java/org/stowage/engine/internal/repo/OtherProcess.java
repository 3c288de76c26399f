package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;

/**
 * The same blobs under another device id: what a second process opening the same storage sees. The repository's
 * in-process lock is keyed by device id, so a repository opened on this device shares nothing in memory with one
 * opened on {@code blobs}; only what is on the device connects them, as between two JVMs.
 */
public class OtherProcess implements Device {

    private final Device blobs;

    public OtherProcess(Device blobs) {
        this.blobs = blobs;
    }

    @Override
    public DeviceDescriptor descriptor() {
        DeviceDescriptor d = blobs.descriptor();
        return new DeviceDescriptor("other-process", d.family(), d.kind(), d.access(), d.capacityBytes());
    }

    @Override
    public DeviceStatus status() {
        return blobs.status();
    }

    @Override
    public void put(BlobName name, ByteBuffer content) throws IOException {
        blobs.put(name, content);
    }

    @Override
    public ByteBuffer get(BlobName name, ByteRange range) throws IOException {
        return blobs.get(name, range);
    }

    @Override
    public Optional<BlobInfo> stat(BlobName name) throws IOException {
        return blobs.stat(name);
    }

    @Override
    public void list(BlobType type, Consumer<BlobInfo> visitor) throws IOException {
        blobs.list(type, visitor);
    }

    @Override
    public void delete(BlobName name) throws IOException {
        blobs.delete(name);
    }

    @Override
    public ProbeResult probe(int bytes) throws IOException {
        return blobs.probe(bytes);
    }
}
