package org.stowage.staging.internal.store;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Cuts an object into fixed-size blocks (the last one shorter) and identifies each. Thread-safe. */
final class BlockSplitter {

    private static final SecureRandom NONCES = new SecureRandom();

    /** A block of the object being staged: a view of the caller's bytes, its id and where it starts. */
    record Block(ByteBuffer data, BlockId id, long objectOffset) {
        int length() {
            return data.remaining();
        }
    }

    private BlockSplitter() {
    }

    /** Splits {@code content} from its position to its limit; the caller's buffer is not moved or copied. */
    static List<Block> split(ByteBuffer content, int blockSize, BlockIdentity identity) {
        ByteBuffer all = content.slice();
        List<Block> blocks = new ArrayList<>(all.remaining() / blockSize + 1);
        byte[] nonce = new byte[16];
        if (identity == BlockIdentity.CHECKSUM) {
            NONCES.nextBytes(nonce);
        }
        for (int start = 0; start < all.limit(); start += blockSize) {
            ByteBuffer data = all.slice(start, Math.min(blockSize, all.limit() - start)).asReadOnlyBuffer();
            BlockId id = identity == BlockIdentity.CONTENT_HASH ? BlockId.hashOf(data)
                    : BlockId.unique(nonce, blocks.size(), data);
            blocks.add(new Block(data, id, start));
        }
        return blocks;
    }
}
