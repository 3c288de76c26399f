package org.stowage.staging.internal.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Cuts an object into fixed-size blocks (the last one shorter) and hashes each. Stateless. */
final class BlockSplitter {

    /** A block of the object being staged: a view of the caller's bytes, its id and where it starts. */
    record Block(ByteBuffer data, BlockId id, long objectOffset) {
        int length() {
            return data.remaining();
        }
    }

    private BlockSplitter() {
    }

    /** Splits {@code content} from its position to its limit; the caller's buffer is not moved or copied. */
    static List<Block> split(ByteBuffer content, int blockSize) {
        ByteBuffer all = content.slice();
        List<Block> blocks = new ArrayList<>(all.remaining() / blockSize + 1);
        for (int start = 0; start < all.limit(); start += blockSize) {
            ByteBuffer data = all.slice(start, Math.min(blockSize, all.limit() - start)).asReadOnlyBuffer();
            blocks.add(new Block(data, BlockId.hashOf(data), start));
        }
        return blocks;
    }
}
