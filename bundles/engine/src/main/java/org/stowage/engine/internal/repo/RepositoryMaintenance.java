package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.RepositoryLockInfo;
import org.stowage.engine.internal.crypto.Sha256;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.index.PackRecord;
import org.stowage.engine.internal.pack.PackReader;
import org.stowage.engine.internal.placement.RepositoryDevices;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/** {@link Maintenance} of a {@link DeviceRepository}. Thread-safe. */
final class RepositoryMaintenance implements Maintenance {

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryMaintenance.class);

    private final RepositoryDevices device;
    private final DeviceRepository.Parts parts;
    private final BlobReader reader;
    private final SnapshotStore snapshots;
    private final LeaseSync sync;

    /** Brings the index up to date once a lease is held; see {@link DeviceRepository#synced}. */
    @FunctionalInterface
    interface LeaseSync {
        Repository.Lease synced(Repository.Lease lease) throws IOException;
    }

    RepositoryMaintenance(RepositoryDevices device, DeviceRepository.Parts parts, BlobReader reader, SnapshotStore snapshots,
                          LeaseSync sync) {
        this.device = device;
        this.parts = parts;
        this.reader = reader;
        this.snapshots = snapshots;
        this.sync = sync;
    }

    @Override
    public Repository.Lease lockExclusive(String operation) throws IOException {
        return sync.synced(parts.lock().exclusive(operation));
    }

    @Override
    public void requireEveryMetadataDevice(String operation) {
        device.requireEveryMetadataDevice(operation);
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
    public Map<String, Long> bytesByDevice() {
        return parts.index().bytesByDevice();
    }

    @Override
    public List<String> copiesOf(String packId) {
        return parts.index().devicesOf(packId);
    }

    @Override
    public Map<String, Map<String, Long>> packCopies() throws IOException {
        return device.listPacks();
    }

    @Override
    public List<String> onlineDevices() {
        return device.onlineIds();
    }

    @Override
    public ByteBuffer readPack(String packId) throws IOException {
        return device.readChecked(BlobName.of(BlobType.DATA, packId), ByteRange.ALL, (bytes, deviceId) -> {
            if (!Sha256.hex(bytes).equals(packId)) {
                throw new IntegrityException("pack data/" + packId + " on device '" + deviceId + "' does not hash "
                        + "to its name: it is corrupt");
            }
            return bytes;
        });
    }

    @Override
    public void writeCopy(String packId, String deviceId, ByteBuffer pack) throws IOException {
        device.writeCopy(BlobName.of(BlobType.DATA, packId), deviceId, pack);
    }

    @Override
    public void recordCopies(Set<String> packIds, List<String> deviceIds) throws IOException {
        List<PackRecord> records = parts.index().packs(packIds).stream()
                .map(p -> new PackRecord(p.id(), p.size(), deviceIds, p.blobs())).toList();
        if (!records.isEmpty()) {
            parts.sync().written(List.of(parts.indexes().write(records)));
            records.forEach(parts.index()::add);
        }
    }

    @Override
    public void forgetCopies(String packId, List<String> deviceIds) {
        parts.sync().invalidate(); // until replaceIndex, the index files say more than memory
        parts.index().removeCopies(packId, deviceIds);
    }

    @Override
    public void deleteCopy(String packId, String deviceId) throws IOException {
        device.deleteCopy(BlobName.of(BlobType.DATA, packId), deviceId);
    }

    @Override
    public int replaceIndex(Repository.Lease lease) throws IOException {
        List<String> current = rewriteIndex();
        List<String> obsolete = new ArrayList<>(indexFiles());
        obsolete.removeAll(current);
        for (String index : obsolete) {
            lease.ensureHeld();
            device.delete(BlobName.of(BlobType.INDEX, index));
        }
        return obsolete.size();
    }

    @Override
    public void readCopy(String packId, String deviceId, ByteRange range, ByteBuffer out) throws IOException {
        device.readCopy(BlobName.of(BlobType.DATA, packId), deviceId, range, out);
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
    public List<PackedBlob> readPackHeader(String packId, String deviceId, ByteBuffer pack) throws IOException {
        try {
            return PackReader.parseHeader(pack, parts.form(), parts.indexes().packSize()).entries().stream().map(e -> e.in(packId)).toList();
        } catch (UndecodableException e) {
            throw new IntegrityException("the header of pack data/" + packId + " on device '" + deviceId
                    + "' is unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public void decodeBlobInto(PackedBlob blob, String deviceId, ByteBuffer stored, ByteBuffer out)
            throws IOException {
        reader.decodeInto(blob, stored, out, deviceId);
    }

    @Override
    public void reindexWithout(Set<String> lostPacks) throws IOException {
        List<String> problems = new ArrayList<>();
        parts.packer().replaceUnindexed(parts.sync().rebuildWithout(lostPacks, problems));
        problems.forEach(p -> LOG.warn("re-reading the index without lost packs: {}", p));
    }

    @Override
    public void forgetPacks(Set<String> packIds) {
        // until rewriteIndex, the index files on the device list more than memory: a failure in between makes the
        // next lock rebuild the index from them
        parts.sync().invalidate();
        parts.index().removePacks(packIds);
    }

    @Override
    public List<String> rewriteIndex() throws IOException {
        List<String> current = parts.indexes().writeAll(parts.index().packs());
        parts.sync().replaced(current);
        return current;
    }
}
