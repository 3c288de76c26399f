package org.stowage.shell.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.stowage.api.device.AccessType;
import org.stowage.api.device.BlobInfo;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.DeviceStatus;
import org.stowage.api.device.ProbeResult;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotStats;

/** Small stand-ins for the engine's facades and for devices; commands only read what they return. */
final class Fakes {

    private Fakes() {
    }

    static SnapshotInfo snapshot(String idPrefix, String incompleteReason) {
        return new SnapshotInfo(idPrefix + "0".repeat(64 - idPrefix.length()), Instant.parse("2025-03-01T01:00:00Z"),
                "host1", List.of("/srv/data"), Set.of("b", "a"), null,
                new SnapshotStats(3, 2, 1, 4, 5 * 1024 * 1024, 7, 3 * 1024 * 1024, 2 * 1024 * 1024, 1,
                        Duration.ofSeconds(65)), incompleteReason);
    }

    /** A device that only describes itself; the commands never move blobs. */
    static Device device(String id, DeviceStatus status) {
        DeviceDescriptor descriptor = new DeviceDescriptor(id, "disk", DeviceKind.DISK, AccessType.RANDOM, 0);
        return new Device() {
            @Override
            public DeviceDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public DeviceStatus status() {
                if (status == null) {
                    throw new IllegalStateException("mount point /mnt/x is gone");
                }
                return status;
            }

            @Override
            public void put(BlobName name, ByteBuffer content) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ByteBuffer get(BlobName name, ByteRange range) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<BlobInfo> stat(BlobName name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void list(BlobType type, Consumer<BlobInfo> visitor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(BlobName name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public ProbeResult probe(int bytes) throws IOException {
                throw new UnsupportedOperationException();
            }
        };
    }
}
