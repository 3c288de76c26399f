package org.stowage.engine.internal.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.stowage.engine.internal.repo.BlobId;

/**
 * Fuzzes the block-state record's parsers (what a TREE blob of a volume's record can hold once it authenticated: a
 * key holder's or a buggy writer's bytes): arbitrary bytes and mutations of real heads and pages either parse into
 * values within the format's bounds or fail with an {@link IOException} naming the page, never anything else; and
 * the reference view that prune and check walk is built from them the same way.
 */
class BlockMapPagesFuzzTest {

    private static final BlobId ID = new BlobId(1, 2, 3, 4);

    @Property
    void arbitraryBytesParseWithinBoundsOrAreRefused(@ForAll @Size(max = 3000) byte[] bytes) {
        parseAll(ByteBuffer.wrap(bytes));
    }

    @Property
    void mutatedRealPagesParseWithinBoundsOrAreRefused(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
        Random rnd = new Random(seed);
        List<ByteBuffer> real = realPages(rnd);
        byte[] bytes = toArray(real.get(rnd.nextInt(real.size())));
        for (int i = 0; i < n && bytes.length > 0; i++) {
            bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 + rnd.nextInt(255));
        }
        parseAll(ByteBuffer.wrap(bytes));
    }

    @Property
    void realPagesRoundTrip(@ForAll long seed) throws IOException {
        Random rnd = new Random(seed);
        BlockMap map = randomMap(rnd);
        List<ByteBuffer> saved = new ArrayList<>();
        BlobId head = BlockMapPages.save(new PageSink(saved), map);
        BlockMap back = BlockMapPages.load(new PageSink(saved), head);
        assertTrue(back.sameContent(map));
        for (int i = 0; i < map.blocks(); i++) {
            assertEquals(map.storedIn(i), back.storedIn(i));
        }
    }

    @Property
    void mutatedRecordsLoadWithinBoundsOrAreRefused(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n)
            throws IOException {
        Random rnd = new Random(seed);
        List<ByteBuffer> saved = new ArrayList<>();
        PageSink sink = new PageSink(saved);
        BlobId head = BlockMapPages.save(sink, randomMap(rnd));
        BlobId victim = rnd.nextBoolean() ? head : PageSink.id(saved.get(rnd.nextInt(saved.size())));
        byte[] bytes = toArray(sink.load(victim));
        for (int i = 0; i < n; i++) {
            bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 + rnd.nextInt(255));
        }
        sink.replace(victim, ByteBuffer.wrap(bytes)); // authenticated but wrong: a buggy writer's record
        try {
            BlockMap map = BlockMapPages.load(sink, head);
            assertTrue(map.blocks() <= 5000 * 64, "a loaded record holds the blocks its pages hold");
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains("block-state"), expected.getMessage());
        }
    }

    private static void parseAll(ByteBuffer bytes) {
        try {
            BlockMapPages.Head head = BlockMapPages.head(bytes, ID);
            assertTrue(head.generation() >= 1 && head.size() >= 0 && head.level() >= 0 && head.level() <= 8);
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains(ID.shortHex()), expected.getMessage());
        }
        try {
            BlockMapPages.Page page = BlockMapPages.page(bytes, ID);
            assertTrue(page.pages().size() + page.blocks().size() <= BlockMapPages.FANOUT);
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains(ID.shortHex()), expected.getMessage());
        }
        try {
            RecordReferences.asTree(bytes, ID);
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains(ID.shortHex()), expected.getMessage());
        }
    }

    private static List<ByteBuffer> realPages(Random rnd) {
        List<ByteBuffer> saved = new ArrayList<>();
        try {
            BlockMapPages.save(new PageSink(saved), randomMap(rnd));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return saved;
    }

    private static BlockMap randomMap(Random rnd) {
        int blockSize = 4096;
        BlockMap map = new BlockMap(blockSize, (long) rnd.nextInt(5000) * blockSize + rnd.nextInt(blockSize), 3);
        for (int i = 0; i < map.blocks(); i++) {
            map.set(i, rnd.nextInt(4) == 0 ? null : new BlobId(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(),
                    rnd.nextLong()), 1 + rnd.nextInt(3));
        }
        return map;
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Pages in memory, ids by content (SHA-256 stands in for the keyed hash); keeps what was saved. */
    private static final class PageSink implements BlockMapPages.PageStore {
        private final List<ByteBuffer> saved;
        private final java.util.Map<BlobId, ByteBuffer> byId = new java.util.HashMap<>();

        PageSink(List<ByteBuffer> saved) {
            this.saved = saved;
            saved.forEach(b -> byId.put(id(b), b));
        }

        @Override
        public BlobId save(ByteBuffer page) {
            ByteBuffer copy = ByteBuffer.wrap(toArray(page));
            BlobId id = id(copy);
            if (byId.putIfAbsent(id, copy) == null) {
                saved.add(copy);
            }
            return id;
        }

        @Override
        public ByteBuffer load(BlobId id) throws IOException {
            ByteBuffer b = byId.get(id);
            if (b == null) {
                throw new IOException("no such block-state page " + id.shortHex()); // the repository: IntegrityException
            }
            return b.duplicate();
        }

        void replace(BlobId id, ByteBuffer bytes) {
            byId.put(id, bytes);
        }

        static BlobId id(ByteBuffer b) {
            return BlobId.fromHex(org.stowage.engine.internal.crypto.Sha256.hex(b.duplicate()));
        }
    }
}
