package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.SaveResult;

/**
 * The block-state record in the repository (docs/design.md §17, format 1): a tree of small pages, each a TREE blob,
 * so that a backup that changed a few blocks adds only the pages on the paths from those blocks to the top (a few
 * KiB each) and every other page deduplicates against the previous snapshot's. A head page names the top page and
 * carries block size, volume size and generation.
 *
 * <pre>
 * head = 'SVBH'(u32) ‖ version(u8)=1 ‖ blockSize(u32) ‖ size(u64) ‖ generation(u32) ‖ level(u8) ‖ top(32)
 * page = 'SVBP'(u32) ‖ version(u8)=1 ‖ level(u8) ‖ count(u16) ‖ count × entry
 *        level 0 (leaf): entry = storedIn(u32) ‖ id(32, all zero bytes for an all-zero block)
 *        level ≥ 1:      entry = id(32) of a page of level − 1
 * </pre>
 *
 * Pages hold {@link #FANOUT} entries (the last page of each level fewer). Every parse validates magic, version,
 * level, counts against what the head promises, and generations; a violation is an {@link IOException} naming the
 * page. Stateless.
 */
public final class BlockMapPages {

    /** Entries per page: 64 blocks (2.3 KiB) or 64 page ids (2 KiB): a small change rewrites little. */
    public static final int FANOUT = 64;
    static final int HEAD_MAGIC = 0x53564248; // SVBH
    static final int PAGE_MAGIC = 0x53564250; // SVBP
    static final int VERSION = 1;
    private static final int HEAD_LENGTH = 4 + 1 + 4 + 8 + 4 + 1 + 32;
    private static final int LEAF_ENTRY = 4 + BlobId.BYTES;

    private BlockMapPages() {
    }

    /** Saves the record's pages and head (known ones are deduplicated); returns the head's id. */
    public static BlobId save(Repository repo, BlockMap map, SaveCounter counter) throws IOException {
        return save(PageStore.of(repo, counter), map);
    }

    /** Loads and validates the record whose head is {@code headId}. */
    public static BlockMap load(Repository repo, BlobId headId) throws IOException {
        return load(PageStore.of(repo, (r, l) -> { }), headId);
    }

    static BlobId save(PageStore repo, BlockMap map) throws IOException {
        List<BlobId> level = new ArrayList<>();
        for (int first = 0; first < map.blocks() || first == 0; first += FANOUT) {
            int count = Math.min(FANOUT, map.blocks() - first);
            ByteBuffer page = header(0, count, count * LEAF_ENTRY);
            for (int i = first; i < first + count; i++) {
                page.putInt(map.storedIn(i));
                BlobId id = map.id(i);
                page.put(id == null ? new byte[BlobId.BYTES] : id.toBytes());
            }
            level.add(repo.save(page.flip()));
        }
        int height = 0;
        while (level.size() > 1) {
            height++;
            List<BlobId> above = new ArrayList<>();
            for (int first = 0; first < level.size(); first += FANOUT) {
                List<BlobId> children = level.subList(first, Math.min(level.size(), first + FANOUT));
                ByteBuffer page = header(height, children.size(), children.size() * BlobId.BYTES);
                children.forEach(c -> page.put(c.toBytes()));
                above.add(repo.save(page.flip()));
            }
            level = above;
        }
        ByteBuffer head = ByteBuffer.allocate(HEAD_LENGTH).putInt(HEAD_MAGIC).put((byte) VERSION)
                .putInt(map.blockSize()).putLong(map.size()).putInt(map.generation()).put((byte) height)
                .put(level.get(0).toBytes());
        return repo.save(head.flip());
    }

    static BlockMap load(PageStore repo, BlobId headId) throws IOException {
        Head head = head(repo.load(headId), headId);
        long blocks = (head.size + head.blockSize - 1) / head.blockSize;
        if (blocks > Integer.MAX_VALUE / 4) {
            throw new IOException("block-state record " + headId.shortHex() + " claims " + blocks + " blocks, more"
                    + " than one record holds");
        }
        // the leaves are read before the record is allocated, so a head claiming a huge volume costs nothing
        // until the pages that would hold it are actually there
        List<Page> leaves = new ArrayList<>();
        long[] count = {0};
        collect(repo, head.top, head.level, leaves, count, blocks, headId);
        if (count[0] != blocks) {
            throw new IOException("block-state record " + headId.shortHex() + " holds " + count[0] + " blocks, its"
                    + " head promises " + blocks);
        }
        BlockMap map = new BlockMap(head.blockSize, head.size, head.generation);
        int i = 0;
        for (Page leaf : leaves) {
            for (int j = 0; j < leaf.blocks.size(); j++, i++) {
                if (leaf.storedIn[j] < 1 || leaf.storedIn[j] > map.generation()) {
                    throw new IOException("block-state record " + headId.shortHex() + " holds block " + i
                            + " stored in generation " + leaf.storedIn[j] + ", outside 1.." + map.generation());
                }
                map.set(i, leaf.blocks.get(j), leaf.storedIn[j]);
            }
        }
        return map;
    }

    private static void collect(PageStore repo, BlobId pageId, int level, List<Page> leaves, long[] count,
                                long blocks, BlobId headId) throws IOException {
        Page page = page(repo.load(pageId), pageId);
        if (page.level != level) {
            throw new IOException("block-state page " + pageId.shortHex() + " has level " + page.level + ", expected "
                    + level);
        }
        if (level > 0) {
            for (BlobId child : page.pages) {
                collect(repo, child, level - 1, leaves, count, blocks, headId);
            }
            return;
        }
        count[0] += page.blocks.size();
        if (count[0] > blocks) {
            throw new IOException("block-state record " + headId.shortHex() + " holds more blocks than its head"
                    + " promises (" + blocks + ")");
        }
        leaves.add(page);
    }

    /** Parses a head page (the position of {@code bytes} is not changed). */
    public static Head head(ByteBuffer bytes, BlobId id) throws IOException {
        ByteBuffer b = bytes.duplicate();
        try {
            if (b.remaining() != HEAD_LENGTH || b.getInt() != HEAD_MAGIC || b.get() != VERSION) {
                throw new IOException("blob " + id.shortHex() + " is not a block-state record head of format "
                        + VERSION + " (" + bytes.remaining() + " bytes)");
            }
            int blockSize = b.getInt();
            long size = b.getLong();
            int generation = b.getInt();
            int level = b.get();
            byte[] top = new byte[BlobId.BYTES];
            b.get(top);
            BlockSizes.check(blockSize);
            if (size < 0 || generation < 1 || level < 0 || level > 8) {
                throw new IOException("block-state record head " + id.shortHex() + " is invalid: size " + size
                        + ", generation " + generation + ", level " + level);
            }
            return new Head(blockSize, size, generation, level, BlobId.fromBytes(top));
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw new IOException("block-state record head " + id.shortHex() + " is invalid: " + e.getMessage(), e);
        }
    }

    /** Parses a page of any level (the position of {@code bytes} is not changed). */
    public static Page page(ByteBuffer bytes, BlobId id) throws IOException {
        ByteBuffer b = bytes.duplicate();
        try {
            if (b.remaining() < 8 || b.getInt() != PAGE_MAGIC || b.get() != VERSION) {
                throw new IOException("blob " + id.shortHex() + " is not a block-state page of format " + VERSION);
            }
            int level = b.get();
            int count = Short.toUnsignedInt(b.getShort());
            int entry = level == 0 ? LEAF_ENTRY : BlobId.BYTES;
            if (level < 0 || count > FANOUT || b.remaining() != count * entry) {
                throw new IOException("block-state page " + id.shortHex() + " is invalid: level " + level + ", "
                        + count + " entries in " + b.remaining() + " bytes");
            }
            List<BlobId> ids = new ArrayList<>(count);
            int[] storedIn = new int[level == 0 ? count : 0];
            byte[] raw = new byte[BlobId.BYTES];
            for (int j = 0; j < count; j++) {
                if (level == 0) {
                    storedIn[j] = b.getInt();
                }
                b.get(raw);
                BlobId read = BlobId.fromBytes(raw);
                ids.add(level == 0 && read.equals(ZERO) ? null : read);
            }
            return level == 0 ? new Page(0, List.of(), ids, storedIn) : new Page(level, ids, List.of(), storedIn);
        } catch (BufferUnderflowException e) {
            throw new IOException("block-state page " + id.shortHex() + " is truncated", e);
        }
    }

    private static final BlobId ZERO = new BlobId(0, 0, 0, 0);

    private static ByteBuffer header(int level, int count, int body) {
        return ByteBuffer.allocate(8 + body).putInt(PAGE_MAGIC).put((byte) VERSION).put((byte) level)
                .putShort((short) count);
    }

    /** Where pages go: the repository's TREE blobs ({@link #of}), or memory in tests. */
    interface PageStore {
        BlobId save(ByteBuffer page) throws IOException;

        ByteBuffer load(BlobId id) throws IOException;

        static PageStore of(Repository repo, SaveCounter counter) {
            return new PageStore() {
                @Override
                public BlobId save(ByteBuffer page) throws IOException {
                    BlobId id = repo.blobId(page);
                    int length = page.remaining();
                    counter.saved(repo.saveBlob(BlobKind.TREE, id, page), length);
                    return id;
                }

                @Override
                public ByteBuffer load(BlobId id) throws IOException {
                    return repo.loadBlob(BlobKind.TREE, id);
                }
            };
        }
    }

    /** A head: block size, volume size, generation, the top page and its level (0: the top page is a leaf). */
    public record Head(int blockSize, long size, int generation, int level, BlobId top) {
    }

    /**
     * A parsed page: child pages (level ≥ 1) or blocks (level 0, null for an all-zero block) with the generation
     * that stored each.
     */
    public record Page(int level, List<BlobId> pages, List<BlobId> blocks, int[] storedIn) {
    }

    /** Told about every blob a save stores (or finds known). */
    @FunctionalInterface
    public interface SaveCounter {
        void saved(SaveResult result, int plainLength);
    }
}
