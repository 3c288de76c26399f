package org.stowage.engine.internal.index;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;

/**
 * The in-memory index of every blob of every known pack: loaded from all index files at open, extended by
 * re-indexed orphan packs and by each uploaded pack. When a blob is in several packs, the first location added
 * wins. Thread-safe (read/write lock; lookups run in parallel). {@link IndexSync} keeps it in step with the index
 * files that other processes write and replace.
 */
public final class MasterIndex {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    // replaced as a whole by replaceWith, under the write lock
    private Map<BlobKind, IdTable> tables = new EnumMap<>(BlobKind.class);
    private PackTable packs = new PackTable();
    private List<String> deviceIds = new ArrayList<>(); // device ordinal to id

    private final List<String> preferred;

    /** An index whose first location of a blob always wins. */
    public MasterIndex() {
        this(List.of());
    }

    /**
     * An index that prefers locations on {@code preferred} devices (the repository's own): a blob first located in
     * a pack none of them holds moves to a pack added later that one of them holds, so that a blob stored again on
     * the repository's devices is read from there (see {@link #storedOn}).
     */
    public MasterIndex(List<String> preferred) {
        this.preferred = List.copyOf(preferred);
        for (BlobKind kind : BlobKind.values()) {
            tables.put(kind, new IdTable());
        }
    }

    /** A new, empty index with the same preference. */
    public MasterIndex emptyCopy() {
        return new MasterIndex(preferred);
    }

    public boolean contains(BlobKind kind, BlobId id) {
        lock.readLock().lock();
        try {
            return tables.get(kind).find(id) >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Whether the blob is indexed in a pack that one of {@code devices} holds a copy of. A repository deduplicates
     * only against such blobs: a pack whose copies are all on devices outside the repository's set (a new host that
     * kept some of them), or on none known, cannot be read, and a snapshot referencing it would lose that data.
     */
    public boolean storedOn(BlobKind kind, BlobId id, List<String> devices) {
        lock.readLock().lock();
        try {
            IdTable table = tables.get(kind);
            int position = table.find(id);
            if (position < 0) {
                return false;
            }
            long mask = packs.devices(table.pack(position));
            for (String device : devices) {
                int bit = deviceIds.indexOf(device);
                if (bit >= 0 && (mask & (1L << bit)) != 0) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.readLock().unlock();
        }
    }

    public Optional<PackedBlob> lookup(BlobKind kind, BlobId id) {
        lock.readLock().lock();
        try {
            IdTable table = tables.get(kind);
            int position = table.find(id);
            if (position < 0) {
                return Optional.empty();
            }
            return Optional.of(new PackedBlob(kind, id, packs.id(table.pack(position)), table.offset(position),
                    table.storedLength(position), table.plainLength(position)));
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean hasPack(String packId) {
        lock.readLock().lock();
        try {
            return packs.ordinal(packId) >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Adds a pack and its blobs, and the devices it names to those that hold the pack; blobs already indexed
     * elsewhere keep their first location.
     */
    public void add(PackRecord pack) {
        lock.writeLock().lock();
        try {
            int known = packs.ordinal(pack.id());
            int ordinal = known >= 0 ? known : packs.add(pack.id(), pack.size());
            packs.setDevices(ordinal, packs.devices(ordinal) | mask(pack.devices()));
            boolean preferredPack = onPreferred(ordinal);
            for (PackedBlob blob : pack.blobs()) {
                tables.get(blob.kind()).put(blob.id(), ordinal, blob.offset(), blob.storedLength(),
                        blob.plainLength(), existing -> preferredPack && !onPreferred(existing));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Records that {@code devices} hold a copy of a known pack; unknown packs are ignored. */
    public void addCopies(String packId, List<String> devices) {
        lock.writeLock().lock();
        try {
            int ordinal = packs.ordinal(packId);
            if (ordinal >= 0) {
                packs.setDevices(ordinal, packs.devices(ordinal) | mask(devices));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The devices known to hold a copy of the pack, in the order they became known; empty if none is. */
    public List<String> devicesOf(String packId) {
        lock.readLock().lock();
        try {
            int ordinal = packs.ordinal(packId);
            return ordinal < 0 ? List.of() : ids(packs.devices(ordinal));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether a preferred device holds the pack {@code ordinal}; false when no device is preferred. */
    private boolean onPreferred(int ordinal) {
        long mask = packs.devices(ordinal);
        for (String device : preferred) {
            int bit = deviceIds.indexOf(device);
            if (bit >= 0 && (mask & (1L << bit)) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The bits of {@code devices}, giving new devices an ordinal; under the write lock. */
    private long mask(List<String> devices) {
        long mask = 0;
        for (String device : devices) {
            int bit = deviceIds.indexOf(device);
            if (bit < 0) {
                if (deviceIds.size() == Long.SIZE) {
                    throw new IllegalStateException("a repository spans at most " + Long.SIZE + " devices; "
                            + "the index names more when adding '" + device + "'");
                }
                bit = deviceIds.size();
                deviceIds.add(device);
            }
            mask |= 1L << bit;
        }
        return mask;
    }

    private List<String> ids(long mask) {
        List<String> ids = new ArrayList<>(Long.bitCount(mask));
        for (int bit = 0; bit < deviceIds.size(); bit++) {
            if ((mask & (1L << bit)) != 0) {
                ids.add(deviceIds.get(bit));
            }
        }
        return ids;
    }

    /**
     * Takes over the content of {@code rebuilt} in one step, so that concurrent lookups see either the old index or
     * the new one, never a mix. {@code rebuilt} must not be used afterwards.
     */
    public void replaceWith(MasterIndex rebuilt) {
        lock.writeLock().lock();
        try {
            tables = rebuilt.tables;
            packs = rebuilt.packs;
            deviceIds = rebuilt.deviceIds;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets packs and every blob location in them (in memory only). */
    public void removePacks(Set<String> removed) {
        lock.writeLock().lock();
        try {
            removed.forEach(packs::remove);
            for (IdTable table : tables.values()) {
                table.retainPacks(ordinal -> !packs.isRemoved(ordinal));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** For each device, the bytes of the packs known to have a copy there. */
    public Map<String, Long> bytesByDevice() {
        lock.readLock().lock();
        try {
            Map<String, Long> bytes = new HashMap<>();
            for (int ordinal = 0; ordinal < packs.count(); ordinal++) {
                if (!packs.isRemoved(ordinal)) {
                    long size = packs.size(ordinal);
                    ids(packs.devices(ordinal)).forEach(device -> bytes.merge(device, size, Long::sum));
                }
            }
            return bytes;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Pack id to size on the device, for every known pack. */
    public Map<String, Long> packSizes() {
        lock.readLock().lock();
        try {
            Map<String, Long> sizes = new HashMap<>();
            for (int ordinal = 0; ordinal < packs.count(); ordinal++) {
                if (!packs.isRemoved(ordinal)) {
                    sizes.put(packs.id(ordinal), packs.size(ordinal));
                }
            }
            return sizes;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Visits every indexed blob under the read lock: the visitor may look blobs up but must not add or remove
     * packs (that would deadlock).
     */
    public void forEach(Consumer<PackedBlob> visitor) {
        lock.readLock().lock();
        try {
            visit(packs::id, visitor);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Visits the blobs of the packs that {@code packIdOf} names (null: skip the pack's blobs); under a lock. */
    private void visit(IntFunction<String> packIdOf, Consumer<PackedBlob> visitor) {
        tables.forEach((kind, table) -> {
            for (int position = 0; position < table.size(); position++) {
                String packId = packIdOf.apply(table.pack(position));
                if (packId != null) {
                    visitor.accept(new PackedBlob(kind, table.id(position), packId, table.offset(position),
                            table.storedLength(position), table.plainLength(position)));
                }
            }
        });
    }

    /** Every known pack with the blobs located in it, for rewriting the index. */
    public List<PackRecord> packs() {
        return packs(null);
    }

    /** The known packs among {@code packIds} (all of them for null) with the blobs located in them; one pass. */
    public List<PackRecord> packs(Set<String> packIds) {
        lock.readLock().lock();
        try {
            String[] selected = new String[packs.count()]; // one id String per pack, shared by its blobs
            Map<String, List<PackedBlob>> byPack = new HashMap<>();
            for (int ordinal = 0; ordinal < selected.length; ordinal++) {
                String id = packs.id(ordinal);
                if (id != null && (packIds == null || packIds.contains(id))) {
                    selected[ordinal] = id;
                    byPack.put(id, new ArrayList<>());
                }
            }
            visit(ordinal -> selected[ordinal], blob -> byPack.get(blob.packId()).add(blob));
            List<PackRecord> records = new ArrayList<>(byPack.size());
            for (int ordinal = 0; ordinal < selected.length; ordinal++) {
                if (selected[ordinal] != null) {
                    records.add(new PackRecord(selected[ordinal], packs.size(ordinal), ids(packs.devices(ordinal)),
                            byPack.get(selected[ordinal])));
                }
            }
            return records;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Records that {@code devices} no longer hold a copy of the pack (in memory only). */
    public void removeCopies(String packId, List<String> devices) {
        lock.writeLock().lock();
        try {
            int ordinal = packs.ordinal(packId);
            if (ordinal >= 0) {
                packs.setDevices(ordinal, packs.devices(ordinal) & ~mask(devices));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return tables.values().stream().mapToInt(IdTable::size).sum();
        } finally {
            lock.readLock().unlock();
        }
    }
}
