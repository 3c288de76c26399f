package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.MediaPosition;
import org.stowage.api.repository.IntegrityException;
import org.stowage.engine.internal.crypto.Sha256;
import org.stowage.engine.internal.index.PackRecord;
import org.stowage.engine.internal.placement.RepositoryDevices;

/** {@link PackCopies} of a {@link DeviceRepository}: its index and {@link RepositoryDevices}. Thread-safe. */
final class RepositoryPackCopies implements PackCopies {

    private final RepositoryDevices device;
    private final DeviceRepository.Parts parts;

    RepositoryPackCopies(RepositoryDevices device, DeviceRepository.Parts parts) {
        this.device = device;
        this.parts = parts;
    }

    @Override
    public List<String> onlineDevices() {
        return device.onlineIds();
    }

    @Override
    public List<String> copiesOf(String packId) {
        return parts.index().devicesOf(packId);
    }

    @Override
    public Map<String, Long> bytesByDevice() {
        return parts.index().bytesByDevice();
    }

    @Override
    public Map<String, Map<String, Long>> listCopies() throws IOException {
        return device.listPacks();
    }

    @Override
    public Optional<MediaPosition> readPosition(String packId) {
        return device.position(pack(packId));
    }

    @Override
    public ByteBuffer readPack(String packId) throws IOException {
        return device.readChecked(pack(packId), ByteRange.ALL, (bytes, deviceId) -> {
            if (!Sha256.hex(bytes).equals(packId)) {
                throw new IntegrityException("pack data/" + packId + " on device '" + deviceId + "' does not hash "
                        + "to its name: it is corrupt");
            }
            return bytes;
        });
    }

    @Override
    public void readCopy(String packId, String deviceId, ByteRange range, ByteBuffer out) throws IOException {
        device.readCopy(pack(packId), deviceId, range, out);
    }

    @Override
    public void writeCopy(String packId, String deviceId, ByteBuffer pack) throws IOException {
        device.writeCopy(pack(packId), deviceId, pack);
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
        device.deleteCopy(pack(packId), deviceId);
    }

    @Override
    public void deleteEveryCopy(String packId) throws IOException {
        device.delete(pack(packId));
    }

    private static BlobName pack(String packId) {
        return BlobName.of(BlobType.DATA, packId);
    }
}
