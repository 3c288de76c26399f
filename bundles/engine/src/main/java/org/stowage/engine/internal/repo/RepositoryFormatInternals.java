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
import org.stowage.api.repository.IntegrityException;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.pack.PackReader;
import org.stowage.engine.internal.placement.RepositoryDevices;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/** {@link FormatInternals} of a {@link DeviceRepository}. Thread-safe. */
final class RepositoryFormatInternals implements FormatInternals {

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryFormatInternals.class);

    private final RepositoryDevices device;
    private final DeviceRepository.Parts parts;
    private final BlobReader reader;
    private final SnapshotStore snapshots;

    RepositoryFormatInternals(RepositoryDevices device, DeviceRepository.Parts parts, BlobReader reader,
                              SnapshotStore snapshots) {
        this.device = device;
        this.parts = parts;
        this.reader = reader;
        this.snapshots = snapshots;
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
    public List<PackedBlob> readPackHeader(String packId, String deviceId, ByteBuffer pack) throws IOException {
        try {
            return PackReader.parseHeader(pack, parts.form(), parts.indexes().packSize()).entries().stream()
                    .map(e -> e.in(packId)).toList();
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
}
