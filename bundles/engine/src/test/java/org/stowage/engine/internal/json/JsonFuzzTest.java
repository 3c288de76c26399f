package org.stowage.engine.internal.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.stowage.api.repository.SnapshotStats;
import org.stowage.engine.internal.crypto.KeyFile;
import org.stowage.engine.internal.index.IndexFile;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.LockInfo;
import org.stowage.engine.internal.repo.RepositoryConfig;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.testing.JsonMutator;
import org.stowage.engine.internal.testing.Untrusted;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/**
 * Fuzzes the JSON parsers of every stored object (the plaintext inside the authenticated layer, as a buggy writer or
 * a key holder could produce it, and the plaintext key file): arbitrary bytes, byte mutations and structure-aware
 * mutations of valid documents. Documented outcome: a valid object or an {@link IOException}; nothing else, at most
 * {@link #MAX_BYTES} allocated for inputs of a few KiB, and an accepted object writes and reads back.
 */
class JsonFuzzTest {

    /** Jackson's buffers and a few objects; a hundred times what a 4 KiB document needs. */
    static final long MAX_BYTES = 8 << 20;

    private static final BlobId ID = BlobId.fromHex("ab".repeat(32));
    private static final Map<Class<?>, byte[]> VALID = new LinkedHashMap<>();

    static {
        VALID.put(IndexFile.class, Json.write(new IndexFile(IndexFile.VERSION, List.of(new IndexFile.Pack("cd".repeat(32), 200, List.of("local"),
                List.of(new IndexFile.Blob(BlobKind.DATA, ID, 0, 80, 51),
                        new IndexFile.Blob(BlobKind.TREE, ID, 80, 100, 300)))))));
        VALID.put(Tree.class, Json.write(new Tree(List.of(
                new Node("f", NodeType.FILE, 0644, 5, 12, 3, 1, 1000, 1000, "u", "g", List.of(ID, ID), null, null,
                        null),
                new Node("d", NodeType.DIR, 0755, 5, 0, 4, 1, 0, 0, null, null, null, ID, null, null),
                new Node("l", NodeType.SYMLINK, -1, 5, 0, 5, 1, -1, -1, null, null, null, null, "/etc", "x")))));
        VALID.put(Snapshot.class, Json.write(new Snapshot(Instant.parse("2024-01-01T00:00:00Z"), "h", "u",
                List.of("/a", "/b"), Set.of("t"), "ef".repeat(32), ID,
                new SnapshotStats(1, 2, 3, 4, 5, 6, 7, 8, 9, Duration.ofSeconds(3)), "cut")));
        VALID.put(LockInfo.class, Json.write(new LockInfo("h", 42, Instant.parse("2024-01-01T00:00:00Z"),
                "backup of [/a]", true, "pid:[4026531836]", Instant.parse("2023-12-31T00:00:00Z"))));
        VALID.put(RepositoryConfig.class, Json.write(new RepositoryConfig(1, "01".repeat(32), 7, 1 << 10, 1 << 12,
                1 << 14, 1 << 16, 3)));
        VALID.put(KeyFile.class, Json.write(new KeyFile(1, Instant.parse("2024-01-01T00:00:00Z"), "h", "scrypt",
                1 << 15, 8, 1, new byte[32], new byte[KeyFile.WRAPPED_BYTES])));
        // first use builds Jackson's deserializers: not what a parse of untrusted bytes costs
        VALID.forEach((type, json) -> read(type, json));
    }

    @Property
    void arbitraryBytesParseOrFailWithIOException(@ForAll("types") Class<?> type,
                                                  @ForAll @Size(max = 4096) byte[] bytes) {
        check(type, bytes);
    }

    @Property
    void arbitraryTextParsesOrFailsWithIOException(@ForAll("types") Class<?> type,
                                                   @ForAll @Size(max = 1024) String text) {
        check(type, text.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void mutatedBytesOfValidDocumentsParseOrFailWithIOException(@ForAll("types") Class<?> type, @ForAll long seed,
                                                              @ForAll @IntRange(min = 1, max = 8) int mutations) {
        check(type, Untrusted.mutate(VALID.get(type), seed, mutations));
    }

    @Property
    void mutatedStructureOfValidDocumentsParsesOrFailsWithIOException(@ForAll("types") Class<?> type,
                                                                     @ForAll long seed,
                                                                     @ForAll @IntRange(min = 1, max = 6) int mutations) {
        check(type, JsonMutator.mutate(VALID.get(type), seed, mutations));
    }

    @Provide
    Arbitrary<Class<?>> types() {
        return Arbitraries.of(List.copyOf(VALID.keySet()));
    }

    private static void check(Class<?> type, byte[] json) {
        Object value = Untrusted.parse(type.getSimpleName() + " " + new String(json, StandardCharsets.UTF_8),
                MAX_BYTES, () -> Json.read(json, type), IOException.class);
        if (value != null) {
            // an accepted object is one the writer could have written: it serializes and parses again
            Untrusted.parse("re-read of " + value, MAX_BYTES, () -> Json.read(Json.write(value), type));
        }
    }

    private static Object read(Class<?> type, byte[] json) {
        try {
            return Json.read(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("the valid " + type.getSimpleName() + " does not parse", e);
        }
    }
}
