package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.IntegrityException;
import org.stowage.engine.internal.crypto.BlobHasher;
import org.stowage.engine.internal.index.IndexStore;
import org.stowage.engine.internal.index.IndexSync;
import org.stowage.engine.internal.index.MasterIndex;
import org.stowage.engine.internal.index.PackRecord;
import org.stowage.engine.internal.pack.Packer;
import org.stowage.api.repository.PlacementOverride;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.placement.DeviceSet;
import org.stowage.engine.internal.placement.Placement;
import org.stowage.engine.internal.placement.PlacementPolicy;
import org.stowage.engine.internal.placement.RepositoryDevices;
import org.stowage.engine.internal.placement.StorageSpec;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * The {@link Repository} on one device. Built by {@link Repositories}; see docs/design.md for the format.
 *
 * <p>{@link #close} does not flush: blobs saved since the last {@link #flush} are not durable and are dropped
 * (packs already uploaded stay on the device as orphans; the next open re-indexes them, so a re-run reuses them).
 * It waits for uploads in flight, stops the uploader threads and logs how many blobs were dropped.
 */
final class DeviceRepository implements Repository {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRepository.class);

    private final RepositoryDevices device;
    private final RepositoryConfig config;
    private final Parts parts;
    private final BlobReader reader;
    private final SnapshotStore snapshots;
    private final Administration administration;
    private final PackCopies copies;
    private final FormatInternals format;
    private final CheckpointStore checkpoints;

    DeviceRepository(RepositoryDevices device, RepositoryConfig config, Parts parts) {
        this.device = device;
        this.config = config;
        this.parts = parts;
        this.reader = new BlobReader(device, parts.form(), parts.hasher());
        this.snapshots = new SnapshotStore(device, parts.form());
        this.administration = new RepositoryAdministration(device, parts, this::synced);
        this.copies = new RepositoryPackCopies(device, parts);
        this.format = new RepositoryFormatInternals(device, parts, reader, snapshots);
        this.checkpoints = new CheckpointStore(device, parts.form());
    }

    /**
     * The collaborators a repository is made of; shared with {@link RepositoryAdministration},
     * {@link RepositoryPackCopies} and {@link RepositoryFormatInternals}.
     */
    record Parts(org.stowage.engine.internal.crypto.StoredForm form, BlobHasher hasher, MasterIndex index,
                 IndexStore indexes, IndexSync sync, Packer packer, RepositoryLock lock, KeyRing keys,
                 List<String> openProblems, StorageSpec storage) {

        Parts withPacker(Packer other) {
            return new Parts(form, hasher, index, indexes, sync, other, lock, keys, openProblems, storage);
        }
    }

    /** Packs blobs: data packs through {@code data}, tree packs (every restore needs them) to every online device. */
    static Packer packer(RepositoryDevices device, Placement data, int dataDevices, RepositoryConfig config,
                         org.stowage.engine.internal.crypto.StoredForm form, MasterIndex index) {
        String stream = "repository " + config.id().substring(0, 8);
        return new Packer((name, pack, kind) -> kind == BlobKind.TREE ? device.place(name, pack, stream, true)
                : data.place(name, pack, stream, false), device.members().ids(), form, index, config.packSize(),
                config.chunkMax(), Packer.uploadersFor(dataDevices));
    }

    /**
     * A repository on the same index, lock and devices whose saved blobs go through their own packer, placed as
     * {@code override} says. Closing it closes only that packer.
     */
    @Override
    public Repository withPlacement(PlacementOverride override) {
        StorageSpec storage = parts.storage();
        PlacementPolicy policy = new PlacementPolicy(
                override.selector() != null ? override.selector() : storage.policy().selectorName(),
                override.copies() > 0 ? override.copies() : storage.policy().copies());
        DeviceSet targets;
        try {
            targets = override.devices().isEmpty() ? storage.devices() : storage.devices().subset(override.devices());
        } catch (IllegalArgumentException e) {
            throw new StowageException(e.getMessage() + "; a backup may only narrow the repository's 'devices'");
        }
        Packer packer = packer(device, storage.placementFor(targets, policy), targets.ids().size(), config,
                parts.form(), parts.index());
        return new DeviceRepository(device, config, parts.withPacker(packer));
    }

    @Override
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    @Override
    public RepositoryConfig config() {
        return config;
    }

    @Override
    public long saveMemory() {
        return parts.packer().bufferBytes();
    }

    @Override
    public String firstDeviceId() {
        return device.descriptor().id();
    }

    @Override
    public BlobId blobId(ByteBuffer plaintext) {
        return parts.hasher().idOf(plaintext);
    }

    @Override
    public boolean contains(BlobKind kind, BlobId id) {
        return parts.packer().isStored(kind, id) || parts.packer().isPending(kind, id);
    }

    @Override
    public SaveResult saveBlob(BlobKind kind, BlobId id, ByteBuffer plaintext) throws IOException {
        return parts.packer().save(kind, id, plaintext);
    }

    @Override
    public ByteBuffer loadBlob(BlobKind kind, BlobId id) throws IOException {
        Optional<PackedBlob> blob = parts.index().lookup(kind, id);
        if (blob.isEmpty() && !parts.packer().isPending(kind, id)) {
            // saved by another process since this one last took a lock (e.g. the tree of its new snapshot)
            refreshIndex();
            blob = parts.index().lookup(kind, id);
        }
        if (blob.isEmpty()) {
            String why = parts.packer().isPending(kind, id) ? "it was saved but is not flushed yet"
                    : "no pack holds it (run check)";
            throw new IntegrityException(kind.name().toLowerCase() + " blob " + id.hex() + " is not in the index of "
                    + "the repository on device '" + device.descriptor().id() + "': " + why);
        }
        return reader.load(blob.get());
    }

    @Override
    public Optional<PackedBlob> lookup(BlobKind kind, BlobId id) {
        return parts.index().lookup(kind, id);
    }

    @Override
    public void loadBlobs(List<PackedBlob> blobsInOnePack, BlobConsumer consumer) throws IOException {
        reader.loadRun(blobsInOnePack, consumer);
    }

    @Override
    public StoredRun readRun(List<PackedBlob> blobsInOnePack) throws IOException {
        return reader.readRun(blobsInOnePack, null);
    }

    @Override
    public StoredRun readRun(List<PackedBlob> blobsInOnePack, ByteBuffer buffer) throws IOException {
        return reader.readRun(blobsInOnePack, buffer);
    }

    /** Packs first, then one index file listing them: after this returns, every saved blob is durable. */
    @Override
    public void flush() throws IOException {
        List<PackRecord> packs = parts.packer().finishAndWait();
        if (!packs.isEmpty()) {
            parts.sync().written(List.of(parts.indexes().write(packs)));
            parts.packer().markIndexed(packs);
        }
    }

    @Override
    public String saveSnapshot(Snapshot snapshot) throws IOException {
        if (parts.packer().hasUnflushed()) {
            throw new IllegalStateException("cannot save a snapshot on device '" + device.descriptor().id()
                    + "' while saved blobs are not flushed: call flush() first");
        }
        if (!parts.packer().isStored(BlobKind.TREE, snapshot.tree())) {
            throw new IntegrityException("cannot save a snapshot whose root tree " + snapshot.tree().hex()
                    + " is not stored in the repository on device '" + device.descriptor().id() + "'");
        }
        String id = snapshots.save(snapshot);
        syncMetadata(); // sequential members get this job's index files and snapshot now (design.md §7)
        return id;
    }

    @Override
    public List<SnapshotRecord> snapshots() throws IOException {
        return snapshots.all();
    }

    @Override
    public void deleteSnapshot(String id) throws IOException {
        device.requireEveryMetadataDevice("forget snapshot " + id.substring(0, Math.min(8, id.length())));
        snapshots.delete(id);
    }

    @Override
    public void forEachIndexed(Consumer<PackedBlob> visitor) {
        parts.index().forEach(visitor);
    }

    @Override
    public Lease lockShared(String operation) throws IOException {
        return synced(parts.lock().shared(operation));
    }

    @Override
    public Lease lockForReading(String operation) throws IOException {
        return synced(parts.lock().reading(operation));
    }

    /**
     * Brings the index up to date once {@code lease} is held, so that the operation sees every other process's
     * index files and none of the packs their prunes deleted; releases the lease if that fails.
     */
    Lease synced(Lease lease) throws IOException {
        try {
            refreshIndex();
            return lease;
        } catch (IOException | RuntimeException e) {
            try {
                lease.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    private void refreshIndex() throws IOException {
        if (device.members().takeJoined()) {
            syncMetadata();
        }
        List<String> problems = new ArrayList<>();
        Optional<List<PackRecord>> rebuilt = parts.sync().refresh(problems);
        problems.forEach(p -> LOG.warn("reading the index of repository {}: {}", config.id().substring(0, 8), p));
        rebuilt.ifPresent(orphans -> {
            LOG.info("repository {} on device '{}': another process replaced the index (a prune); reloaded it",
                    config.id().substring(0, 8), device.descriptor().id());
            parts.packer().replaceUnindexed(orphans);
        });
    }

    /**
     * Copies to the members what metadata they lack. A member that cannot take it gets it at the next sync; nothing
     * else depends on it now (the metadata devices that took the writes hold it).
     */
    private void syncMetadata() {
        try {
            int copied = device.syncMetadata();
            if (copied > 0) {
                LOG.info("copied {} metadata blob(s) of repository {} to the devices that lacked them ({})", copied,
                        config.id().substring(0, 8), device.members().describe());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot copy the metadata of repository {} to every device ({}): {}; retried at the next backup",
                    config.id().substring(0, 8), device.members().describe(), e.toString());
        }
    }

    @Override
    public Optional<String> brokenReason() {
        return parts.packer().failure().map(IOException::getMessage);
    }

    @Override
    public Administration administration() {
        return administration;
    }

    @Override
    public PackCopies copies() {
        return copies;
    }

    @Override
    public FormatInternals format() {
        return format;
    }

    @Override
    public void close() throws IOException {
        int dropped = parts.packer().close();
        if (dropped > 0) {
            LOG.warn("closed repository {} on device '{}' with {} saved blob(s) not flushed; they are not durable "
                    + "(uploaded packs are re-indexed at the next open)", config.id().substring(0, 8),
                    device.descriptor().id(), dropped);
        }
    }
}
