package org.stowage.engine.internal.volume;

import java.util.Arrays;

import org.stowage.api.volume.BlockState;
import org.stowage.engine.internal.repo.BlobId;

/**
 * The block-state record of one volume at one snapshot, in memory: for every fixed-size block its content id (or
 * "all zeros", which is recorded and never stored) and the generation of the volume's snapshot chain that last
 * stored it. Generation g is the g-th snapshot of the volume (1 = the first full backup).
 *
 * <p>In a committed record every block is backed up; whether it was stored by this record's snapshot
 * ({@link BlockState#BACKED_UP}) or by an earlier one ({@link BlockState#CLEAN}) is derived from
 * {@code storedIn == generation}, not stored, so that the pages of unchanged blocks keep their bytes and deduplicate
 * from one snapshot to the next (docs/design.md §17).
 *
 * <p>Ids are held as four longs per block (32 bytes per block: 16 MiB for 2 GiB of 4 KiB blocks, 1 MiB at the 64 KiB
 * default). Not thread-safe for writes to the same block; distinct blocks may be set from different threads.
 */
public final class BlockMap {

    private final int blockSize;
    private final long size;
    private final int generation;
    private final long[] ids;
    private final int[] storedIn;

    public BlockMap(int blockSize, long size, int generation) {
        BlockSizes.check(blockSize);
        if (size < 0) {
            throw new IllegalArgumentException("a volume cannot have a negative size: " + size);
        }
        long blocks = (size + blockSize - 1) / blockSize;
        if (blocks > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("a volume of " + size + " bytes has too many blocks of " + blockSize
                    + " bytes for one record; choose a larger block size");
        }
        this.blockSize = blockSize;
        this.size = size;
        this.generation = generation;
        this.ids = new long[4 * (int) blocks];
        this.storedIn = new int[(int) blocks];
    }

    public int blockSize() {
        return blockSize;
    }

    /** The volume's length in bytes; the last block may be shorter than {@link #blockSize()}. */
    public long size() {
        return size;
    }

    public int generation() {
        return generation;
    }

    public int blocks() {
        return storedIn.length;
    }

    /** The length of block {@code i}: the block size, or what is left of the volume for the last one. */
    public int length(int i) {
        return (int) Math.min(blockSize, size - (long) i * blockSize);
    }

    public boolean isZero(int i) {
        int o = 4 * i;
        return ids[o] == 0 && ids[o + 1] == 0 && ids[o + 2] == 0 && ids[o + 3] == 0;
    }

    /** The block's content id; null for an all-zero block. */
    public BlobId id(int i) {
        return isZero(i) ? null : new BlobId(ids[4 * i], ids[4 * i + 1], ids[4 * i + 2], ids[4 * i + 3]);
    }

    public boolean sameContent(int i, BlobId id) {
        int o = 4 * i;
        return id == null ? isZero(i)
                : ids[o] == id.w0() && ids[o + 1] == id.w1() && ids[o + 2] == id.w2() && ids[o + 3] == id.w3();
    }

    public int storedIn(int i) {
        return storedIn[i];
    }

    public BlockState state(int i) {
        return storedIn[i] == generation ? BlockState.BACKED_UP : BlockState.CLEAN;
    }

    /** Records block {@code i}'s content ({@code null}: all zeros) as stored in generation {@code storedIn}. */
    public void set(int i, BlobId id, int storedIn) {
        int o = 4 * i;
        ids[o] = id == null ? 0 : id.w0();
        ids[o + 1] = id == null ? 0 : id.w1();
        ids[o + 2] = id == null ? 0 : id.w2();
        ids[o + 3] = id == null ? 0 : id.w3();
        this.storedIn[i] = storedIn;
    }

    /** Copies block {@code i} of {@code other} (same block size) into block {@code i} of this record. */
    public void copy(int i, BlockMap other) {
        System.arraycopy(other.ids, 4 * i, ids, 4 * i, 4);
        storedIn[i] = other.storedIn[i];
    }

    /** Whether the two records hold the same content for every block (sizes and block sizes equal). */
    public boolean sameContent(BlockMap other) {
        return other.blockSize == blockSize && other.size == size && Arrays.equals(ids, other.ids);
    }
}
