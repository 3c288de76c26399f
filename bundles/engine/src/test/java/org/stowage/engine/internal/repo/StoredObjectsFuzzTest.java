package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.repository.IntegrityException;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.MasterKey;
import org.stowage.engine.internal.crypto.Sealer;
import org.stowage.engine.internal.crypto.Sha256;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.index.IndexFile;
import org.stowage.engine.internal.index.IndexStore;
import org.stowage.engine.internal.index.MasterIndex;
import org.stowage.engine.internal.index.PackRecord;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.testing.JsonMutator;
import org.stowage.engine.internal.testing.Untrusted;

/**
 * Fuzzes index files, snapshots and lock blobs through the readers that load them, sealed with the repository's key
 * (what a buggy writer or a key holder could store), and hands what they accept to the code that uses it: the
 * in-memory index, lock freshness. Documented outcome: index files load or fail with {@link UndecodableException} or
 * {@link IOException} (open reports those); snapshots and locks load or fail with an {@link IntegrityException}
 * naming them.
 */
class StoredObjectsFuzzTest {

    private static final long MAX_BYTES = 8 << 20;
    private static final BlobId ID = BlobId.fromHex("ab".repeat(32));

    private final StoredForm form = new StoredForm(new Sealer(MasterKey.random(new SecureRandom()).encryptionKey()),
            3);
    private final byte[] index = Json.write(new IndexFile(IndexFile.VERSION, List.of(new IndexFile.Pack("cd".repeat(32), 500, List.of("local"),
            List.of(new IndexFile.Blob(BlobKind.DATA, ID, 0, 80, 51),
                    new IndexFile.Blob(BlobKind.TREE, BlobId.fromHex("ef".repeat(32)), 80, 100, 300))))));
    private final byte[] snapshot = Json.write(TestRepositories.snapshot(Instant.parse("2024-01-01T00:00:00Z"), ID));
    private final byte[] lock = Json.write(new LockInfo("h", 7, Instant.parse("2024-01-01T00:00:00Z"), "prune",
            false));

    @Property
    void indexFilesLoadIntoTheIndexOrAreReported(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n,
                                                  @ForAll boolean structural) throws IOException {
        MemoryDevice device = new MemoryDevice("fuzz");
        BlobName name = plant(device, BlobType.INDEX, Domain.INDEX, mutate(index, seed, n, structural));
        IndexStore store = new IndexStore(device, form, 1 << 20);
        List<PackRecord> packs = Untrusted.parse("index file", MAX_BYTES, () -> store.read(name),
                UndecodableException.class, IOException.class);
        if (packs != null) {
            MasterIndex memory = new MasterIndex();
            packs.forEach(memory::add);
        }
        List<String> problems = new ArrayList<>();
        Untrusted.parse("loading every index file", MAX_BYTES, () -> {
            store.load(store.list(), new MasterIndex()::add, problems);
            return null;
        });
    }

    @Property
    void snapshotsLoadOrFailNamingThem(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n,
                                       @ForAll boolean structural) {
        MemoryDevice device = new MemoryDevice("fuzz");
        BlobName name = plant(device, BlobType.SNAPSHOT, Domain.SNAPSHOT, mutate(snapshot, seed, n, structural));
        SnapshotStore store = new SnapshotStore(device, form);
        Untrusted.parse("snapshot", MAX_BYTES, () -> store.load(name.id()).snapshot().paths().size(),
                IntegrityException.class);
    }

    @Property
    void locksAreListedOrFailNamingThem(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n,
                                        @ForAll boolean structural) {
        MemoryDevice device = new MemoryDevice("fuzz");
        plant(device, BlobType.LOCK, Domain.LOCK, mutate(lock, seed, n, structural));
        RepositoryLock locks = new RepositoryLock(device, form, "0123456789abcdef".repeat(4), new SecureRandom());
        Untrusted.parse("lock", MAX_BYTES, locks::list, IntegrityException.class);
    }

    private static byte[] mutate(byte[] json, long seed, int n, boolean structural) {
        return structural ? JsonMutator.mutate(json, seed, n) : Untrusted.mutate(json, seed, n);
    }

    private BlobName plant(MemoryDevice device, BlobType type, Domain domain, byte[] plaintext) {
        byte[] stored = form.encodeToArray(plaintext, domain);
        BlobName name = BlobName.of(type, type == BlobType.LOCK ? "0123456789abcdef0123456789abcdef"
                : Sha256.hex(stored));
        try {
            device.put(name, ByteBuffer.wrap(stored));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }
}
