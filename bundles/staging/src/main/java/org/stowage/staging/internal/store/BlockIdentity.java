package org.stowage.staging.internal.store;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.stowage.api.device.BlobType;

/**
 * How the blocks of a staged object are identified and verified; the block header's version records which
 * (docs/design.md §16).
 */
enum BlockIdentity {

    /**
     * Header version 1: the id is the SHA-256 of the block's data. Equal blocks are stored once, across versions of
     * an object and across objects: a newer version of a staged object writes only the blocks that differ.
     */
    CONTENT_HASH((byte) 1),

    /**
     * Header version 2: the id is unique to the block ({@link BlockId#unique}) and ends in the CRC32C of its data.
     * For packs: a pack is written once under a name that is the SHA-256 of its bytes, its blobs are encrypted with
     * fresh nonces (no two packs share a block), and every blob in it is authenticated when the engine reads it, so
     * content addressing would find nothing to share and the CRC32C (as btrfs and ext4 use for their checksums)
     * finds a torn or rotten block before a drain copies it to its device, at a fiftieth of SHA-256's CPU.
     */
    CHECKSUM((byte) 2);

    private final byte headerVersion;

    BlockIdentity(byte headerVersion) {
        this.headerVersion = headerVersion;
    }

    /** Packs get {@link #CHECKSUM}, every other blob {@link #CONTENT_HASH}. */
    static BlockIdentity of(BlobType type) {
        return type == BlobType.DATA ? CHECKSUM : CONTENT_HASH;
    }

    static Optional<BlockIdentity> ofHeaderVersion(byte version) {
        for (BlockIdentity identity : values()) {
            if (identity.headerVersion == version) {
                return Optional.of(identity);
            }
        }
        return Optional.empty();
    }

    byte headerVersion() {
        return headerVersion;
    }

    /** Why {@code data} (position to limit, not moved) is not the content {@code id} names, or empty if it is. */
    Optional<String> mismatch(BlockId id, ByteBuffer data) {
        if (this == CONTENT_HASH) {
            BlockId actual = BlockId.hashOf(data);
            return actual.equals(id) ? Optional.empty() : Optional.of("content hashes to " + actual);
        }
        int actual = BlockId.crc32c(data);
        return actual == id.checksum() ? Optional.empty()
                : Optional.of(String.format("content's CRC32C is %08x, the block id says %08x", actual, id.checksum()));
    }
}
