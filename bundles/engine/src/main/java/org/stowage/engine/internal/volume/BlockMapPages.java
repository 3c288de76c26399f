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
        List<BlobId> level = new ArrayList<>();
        for (int first = 0; first < map.blocks() || first == 0; first += FANOUT) {
            int count = Math.min(FANOUT, map.blocks() - first);
            ByteBuffer page = header(0, count, count * LEAF_ENTRY);
            for (int i = first; i < first + count; i++) {
                page.putInt(map.storedIn(i));
                BlobId id = map.id(i);
                page.put(id == null ? new byte[BlobId.BYTES] : id.toBytes());
            }
            level.add(save(repo, page.flip(), counter));
        }
        int height = 0;
        while (level.size() > 1) {
            height++;
            List<BlobId> above = new ArrayList<>();
            for (int first = 0; first < level.size(); first += FANOUT) {
                List<BlobId> children = level.subList(first, Math.min(level.size(), first + FANOUT));
                ByteBuffer page = header(height, children.size(), children.size() * BlobId.BYTES);
                children.forEach(c -> page.put(c.toBytes()));
                above.add(save(repo, page.flip(), counter));
            }
            level = above;
        }
        ByteBuffer head = ByteBuffer.allocate(HEAD_LENGTH).putInt(HEAD_MAGIC).put((byte) VERSION)
                .putInt(map.blockSize()).putLong(map.size()).putInt(map.generation()).put((byte) height)
                .put(level.get(0).toBytes());
        return save(repo, head.flip(), counter);
    }

    /** Loads and validates the record whose head is {@code headId}. */
    public static BlockMap load(Repository repo, BlobId headId) throws IOException {
        Head head = head(repo.loadBlob(BlobKind.TREE, headId), headId);
        BlockMap map = new BlockMap(head.blockSize, head.size, head.generation);
        int[] next = {0};
        fill(repo, head.top, head.level, map, next);
        if (next[0] != map.blocks()) {
            throw new IOException("block-state record " + headId.shortHex() + " holds " + next[0] + " blocks, its head"
                    + " promises " + map.blocks());
        }
        return map;
    }

    private static void fill(Repository repo, BlobId pageId, int level, BlockMap map, int[] next) throws IOException {
        Page page = page(repo.loadBlob(BlobKind.TREE, pageId), pageId);
        if (page.level != level) {
            throw new IOException("block-state page " + pageId.shortHex() + " has level " + page.level + ", expected "
                    + level);
        }
        if (level > 0) {
            for (BlobId child : page.pages) {
                fill(repo, child, level - 1, map, next);
            }
            return;
        }
        for (int j = 0; j < page.blocks.size(); j++) {
            int i = next[0]++;
            if (i >= map.blocks() || page.storedIn[j] < 1 || page.storedIn[j] > map.generation()) {
                throw new IOException("block-state page " + pageId.shortHex() + " holds block " + i + (i >= map.blocks()
                        ? " beyond the volume's " + map.blocks() + " blocks" : " stored in generation "
                        + page.storedIn[j] + ", outside 1.." + map.generation()));
            }
            map.set(i, page.blocks.get(j), page.storedIn[j]);
        }
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

    private static BlobId save(Repository repo, ByteBuffer bytes, SaveCounter counter) throws IOException {
        BlobId id = repo.blobId(bytes);
        int length = bytes.remaining();
        counter.saved(repo.saveBlob(BlobKind.TREE, id, bytes), length);
        return id;
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
