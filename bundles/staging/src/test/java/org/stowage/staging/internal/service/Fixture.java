package org.stowage.staging.internal.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceException;
import org.stowage.api.device.DeviceKind;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.device.testkit.TestBlobs;
import org.stowage.staging.internal.sizing.SizingPolicy;
import org.stowage.staging.internal.sizing.StagingSizer;
import org.stowage.staging.internal.store.StagingStore;
import org.stowage.staging.internal.store.StoreOptions;

/** Staging over real files in a test's directory, and a memory device that records the order of its puts. */
final class Fixture implements AutoCloseable {

    static final int BLOCK = 4096;

    final Path dir;
    final StagingStore store;
    final Staging staging;

    private Fixture(Path dir, StoreOptions options, boolean enabled) throws IOException {
        this.dir = dir;
        this.store = StagingStore.open(dir, options);
        this.staging = new Staging(store, new StagingSizer(SizingPolicy.between(1 << 20, 1L << 30)), enabled,
                Clock.systemUTC());
    }

    /** Small blocks and segments, 64 MiB capacity, 5 s of back pressure. */
    static Fixture open(Path dir) throws IOException {
        return open(dir, 64L << 20, Duration.ofSeconds(5));
    }

    static Fixture open(Path dir, long capacity, Duration stageWait) throws IOException {
        return new Fixture(dir, options(capacity, stageWait), true);
    }

    static Fixture disabled(Path dir) throws IOException {
        return new Fixture(dir, options(64L << 20, Duration.ofSeconds(5)), false);
    }

    static StoreOptions options(long capacity, Duration stageWait) {
        return StoreOptions.withCapacity(capacity).withBlockSize(BLOCK).withSegmentBytes(256 * 1024)
                .withStageTimeout(stageWait);
    }

    /** Closes the store and opens it again, as a restart after kill -9 would (every stage is already durable). */
    Fixture reopen() throws IOException {
        store.close();
        return open(dir);
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    static BlobName pack(String id) {
        return BlobName.of(BlobType.DATA, id);
    }

    static byte[] content(int size, long seed) {
        return TestBlobs.random(size, seed);
    }

    static ByteBuffer heap(byte[] bytes) {
        return TestBlobs.heap(bytes);
    }

    /** A memory device that remembers the names it was given by put, in order; optionally a tape. */
    static class RecordingDevice extends MemoryDevice {

        final List<BlobName> puts = new CopyOnWriteArrayList<>();

        RecordingDevice(String id) {
            super(id);
        }

        RecordingDevice(String id, AccessType access) {
            super(new DeviceDescriptor(id, "memory", access == AccessType.SEQUENTIAL ? DeviceKind.TAPE
                    : DeviceKind.DISK, access, 0));
        }

        @Override
        public void put(BlobName name, ByteBuffer content) throws DeviceException {
            super.put(name, content);
            puts.add(name);
        }
    }
}
