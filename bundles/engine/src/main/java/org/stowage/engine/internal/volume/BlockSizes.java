package org.stowage.engine.internal.volume;

/**
 * The block sizes a volume may be cut into: a power of two from 4 KiB (the page and file-system block size below
 * which nothing is gained) to 4 MiB (the repository's largest chunk). The default is 64 KiB (docs/volumes.md).
 */
public final class BlockSizes {

    public static final int MIN = 4 << 10;
    public static final int MAX = 4 << 20;
    public static final int DEFAULT = 64 << 10;

    private BlockSizes() {
    }

    /** @throws IllegalArgumentException naming the size and the allowed ones */
    public static int check(long blockSize) {
        if (blockSize < MIN || blockSize > MAX || Long.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("volume block size " + blockSize + " is not a power of two from 4 KiB"
                    + " (4096) to 4 MiB (4194304); use e.g. 65536 (the default)");
        }
        return (int) blockSize;
    }
}
