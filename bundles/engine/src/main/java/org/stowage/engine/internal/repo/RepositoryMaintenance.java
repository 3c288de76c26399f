package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stowage.api.device.Device;
import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.RepositoryLockInfo;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.pack.PackReader;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/** {@link Maintenance} of a {@link DeviceRepository}. Thread-safe. */
final class RepositoryMaintenance implements Maintenance {

    private final Device device;
    private final DeviceRepository.Parts parts;
    private final BlobReader reader;
    private final SnapshotStore snapshots;

    RepositoryMaintenance(Device device, DeviceRepository.Parts parts, BlobReader reader, SnapshotStore snapshots) {
        this.device = device;
        this.parts = parts;
        this.reader = reader;
        this.snapshots = snapshots;
    }

    @Override
    public Repository.Lease lockExclusive(String operation) throws IOException {
        return parts.lock().exclusive(operation);
    }

    @Override
    public List<RepositoryLockInfo> locks() throws IOException {
        return parts.lock().list();
    }

    @Override
    public List<RepositoryLockInfo> unlock(boolean all) throws IOException {
        return parts.lock().remove(all);
    }

    @Override
    public KeyRing keys() {
        return parts.keys();
    }

    @Override
    public Map<String, Long> indexedPacks() {
        return parts.index().packSizes();
    }

    @Override
    public List<String> openProblems() {
        return List.copyOf(parts.openProblems());
    }

    @Override
    public List<String> indexFiles() throws IOException {
        return parts.indexes().list();
    }

    @Override
    public List<String> snapshotIds() throws IOException {
        return snapshots.ids();
    }

    @Override
    public SnapshotRecord loadSnapshot(String id) throws IOException {
        return snapshots.load(id);
    }

    @Override
    public List<PackedBlob> readPackHeader(String packId, ByteBuffer pack) throws IOException {
        try {
            return PackReader.parseHeader(pack, parts.form(), parts.indexes().packSize()).entries().stream().map(e -> e.in(packId)).toList();
        } catch (UndecodableException e) {
            throw new IntegrityException("the header of pack data/" + packId + " on device '"
                    + device.descriptor().id() + "' is unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public ByteBuffer decodeBlob(PackedBlob blob, ByteBuffer stored) throws IOException {
        return reader.decode(blob, stored);
    }

    @Override
    public void decodeBlobInto(PackedBlob blob, ByteBuffer stored, ByteBuffer out) throws IOException {
        reader.decodeInto(blob, stored, out);
    }

    @Override
    public void forgetPacks(Set<String> packIds) {
        parts.index().removePacks(packIds);
    }

    @Override
    public List<String> rewriteIndex() throws IOException {
        return parts.indexes().writeAll(parts.index().packs());
    }
}
