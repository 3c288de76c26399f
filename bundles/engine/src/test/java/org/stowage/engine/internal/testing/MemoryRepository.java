package org.stowage.engine.internal.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.stowage.api.repository.IntegrityException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.Administration;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.FormatInternals;
import org.stowage.engine.internal.repo.PackCopies;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryConfig;
import org.stowage.engine.internal.repo.SaveResult;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * An honest in-memory {@link Repository} for tests of the backup model: ids are HMAC-SHA256 with a fixed key,
 * saved blobs are pending until {@link #flush()} puts them into simulated packs, loads verify the id, and
 * snapshots are refused while blobs are pending. Stored form = plaintext (no compression or encryption). A test
 * hook corrupts blobs. Thread-safe.
 */
public final class MemoryRepository implements Repository {

    private static final byte[] KEY = "stowage-test-key".getBytes(StandardCharsets.UTF_8);

    private final RepositoryConfig config;
    private final Map<Key, byte[]> stored = new ConcurrentHashMap<>();
    private final Map<Key, PackedBlob> index = new ConcurrentHashMap<>();
    private final Map<Key, byte[]> pending = new LinkedHashMap<>();
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final AtomicInteger packs = new AtomicInteger();
    private final AtomicInteger leases = new AtomicInteger();
    private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(MemoryRepository::newMac);

    public MemoryRepository(RepositoryConfig config) {
        this.config = config;
    }

    /** Small chunks (16/64/256 KiB) and 1 MiB packs, so tests with small files see several chunks and packs. */
    public MemoryRepository() {
        this(new RepositoryConfig(1, "ab".repeat(32), 1234, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 0));
    }

    @Override
    public RepositoryConfig config() {
        return config;
    }

    /** Saved blobs go straight into a map: no pack buffers. */
    @Override
    public long saveMemory() {
        return 0;
    }

    @Override
    public String firstDeviceId() {
        return "memory";
    }

    @Override
    public BlobId blobId(ByteBuffer plaintext) {
        Mac m = mac.get();
        m.update(plaintext.duplicate());
        return BlobId.fromBytes(m.doFinal());
    }

    @Override
    public boolean contains(BlobKind kind, BlobId id) {
        Key key = new Key(kind, id);
        synchronized (pending) {
            return index.containsKey(key) || pending.containsKey(key);
        }
    }

    @Override
    public SaveResult saveBlob(BlobKind kind, BlobId id, ByteBuffer plaintext) throws IOException {
        Key key = new Key(kind, id);
        byte[] bytes = new byte[plaintext.remaining()];
        plaintext.duplicate().get(bytes);
        synchronized (pending) {
            if (index.containsKey(key) || pending.containsKey(key)) {
                return SaveResult.KNOWN;
            }
            pending.put(key, bytes);
        }
        return new SaveResult(true, bytes.length);
    }

    @Override
    public ByteBuffer loadBlob(BlobKind kind, BlobId id) throws IOException {
        PackedBlob blob = lookup(kind, id).orElseThrow(() -> new IntegrityException(kind + " blob " + id.shortHex()
                + " is not in the index"));
        return decode(blob);
    }

    @Override
    public Optional<PackedBlob> lookup(BlobKind kind, BlobId id) {
        return Optional.ofNullable(index.get(new Key(kind, id)));
    }

    @Override
    public void loadBlobs(List<PackedBlob> blobsInOnePack, BlobConsumer consumer) throws IOException {
        List<PackedBlob> sorted = new ArrayList<>(blobsInOnePack);
        sorted.sort(Comparator.comparingLong(PackedBlob::offset));
        for (PackedBlob blob : sorted) {
            if (!blob.packId().equals(sorted.get(0).packId())) {
                throw new IllegalArgumentException("loadBlobs needs blobs of one pack");
            }
            consumer.accept(blob, decode(blob));
        }
    }

    private ByteBuffer decode(PackedBlob blob) throws IntegrityException {
        byte[] bytes = stored.get(new Key(blob.kind(), blob.id()));
        if (bytes == null) {
            throw new IntegrityException("pack " + blob.packId() + " lacks blob " + blob.id().shortHex());
        }
        ByteBuffer out = ByteBuffer.allocateDirect(bytes.length);
        out.put(bytes).flip();
        if (!blobId(out).equals(blob.id())) {
            throw new IntegrityException("blob " + blob.id().shortHex() + " in pack " + blob.packId()
                    + " failed verification");
        }
        return out;
    }

    @Override
    public void flush() {
        synchronized (pending) {
            String pack = null;
            long offset = 0;
            for (Map.Entry<Key, byte[]> e : pending.entrySet()) {
                if (pack == null || offset + e.getValue().length > config.packSize()) {
                    pack = String.format("%064x", packs.incrementAndGet());
                    offset = 0;
                }
                Key key = e.getKey();
                stored.put(key, e.getValue());
                index.put(key, new PackedBlob(key.kind, key.id, pack, offset, e.getValue().length,
                        e.getValue().length));
                offset += e.getValue().length;
            }
            pending.clear();
        }
    }

    @Override
    public String saveSnapshot(Snapshot snapshot) throws IOException {
        synchronized (pending) {
            if (!pending.isEmpty()) {
                throw new IOException("saveSnapshot before flush: " + pending.size() + " blobs pending");
            }
        }
        if (!index.containsKey(new Key(BlobKind.TREE, snapshot.tree()))) {
            throw new IOException("snapshot references tree " + snapshot.tree().shortHex() + " that is not stored");
        }
        String id = sha256(Json.write(snapshot));
        snapshots.put(id, snapshot);
        return id;
    }

    @Override
    public List<SnapshotRecord> snapshots() {
        List<SnapshotRecord> out = new ArrayList<>();
        snapshots.forEach((id, s) -> out.add(new SnapshotRecord(id, s)));
        out.sort(Comparator.comparing((SnapshotRecord r) -> r.snapshot().time()).thenComparing(SnapshotRecord::id));
        return out;
    }

    @Override
    public void deleteSnapshot(String id) throws IOException {
        if (snapshots.remove(id) == null) {
            throw new IOException("no snapshot " + id);
        }
    }

    @Override
    public void forEachIndexed(Consumer<PackedBlob> visitor) {
        index.values().forEach(visitor);
    }

    @Override
    public Lease lockShared(String operation) {
        leases.incrementAndGet();
        AtomicBoolean open = new AtomicBoolean(true);
        return new Lease() {
            @Override
            public void ensureHeld() {
                if (!open.get()) {
                    throw new IllegalStateException("lease of '" + operation + "' used after close");
                }
            }

            @Override
            public void close() {
                if (open.compareAndSet(true, false)) {
                    leases.decrementAndGet();
                }
            }
        };
    }

    @Override
    public Lease lockForReading(String operation) {
        return lockShared(operation);
    }

    @Override
    public Optional<String> brokenReason() {
        return Optional.empty();
    }

    @Override
    public Administration administration() {
        throw new UnsupportedOperationException("the memory repository has no locks or keys to administer");
    }

    /** Simulated packs on one random-access device: restore reads them in the given order. */
    @Override
    public PackCopies copies() {
        return new MemoryPackCopies();
    }

    @Override
    public FormatInternals format() {
        throw new UnsupportedOperationException("the memory repository has no packs to check or prune");
    }

    @Override
    public void close() {
    }

    /** Shared leases held now (a backup must release its lease, also on failure). */
    public int leasesHeld() {
        return leases.get();
    }

    // ---- test hooks ----

    /** Flips one byte of a stored blob, as bit rot on the device would. */
    public void corrupt(BlobKind kind, BlobId id) {
        byte[] bytes = stored.get(new Key(kind, id));
        bytes[bytes.length / 2] ^= 0x55;
    }

    public int blobCount() {
        return index.size();
    }

    public long storedBytes() {
        return stored.values().stream().mapToLong(b -> b.length).sum();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Key(BlobKind kind, BlobId id) {
    }
}
