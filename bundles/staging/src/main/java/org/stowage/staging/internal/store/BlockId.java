package org.stowage.staging.internal.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * A data block's identity within the store, 32 bytes: the SHA-256 of its content ({@link BlockIdentity#CONTENT_HASH})
 * or a unique id that ends in the CRC32C of its content ({@link BlockIdentity#CHECKSUM}). Immutable.
 */
public final class BlockId {

    public static final int LENGTH = 32;

    private final byte[] hash;
    private final int hashCode;

    private BlockId(byte[] hash) {
        this.hash = hash;
        this.hashCode = Arrays.hashCode(hash);
    }

    /** Wraps a copy of a 32-byte hash. */
    public static BlockId of(byte[] hash) {
        if (hash.length != LENGTH) {
            throw new IllegalArgumentException("a block id is 32 bytes, got " + hash.length);
        }
        return new BlockId(hash.clone());
    }

    /** The content-hash id of {@code content} from its position to its limit; the buffer's position is not moved. */
    public static BlockId hashOf(ByteBuffer content) {
        MessageDigest digest = sha256();
        digest.update(content.duplicate());
        return new BlockId(digest.digest());
    }

    /**
     * A unique id for block {@code index} of one stage: {@code nonce(16) ‖ index(u64) ‖ 0(u32) ‖ crc32c(u32)}, where
     * the nonce is 16 random bytes drawn once per stage and the CRC32C is that of {@code content} (position to limit,
     * not moved).
     */
    static BlockId unique(byte[] nonce, long index, ByteBuffer content) {
        if (nonce.length != 16) {
            throw new IllegalArgumentException("a stage nonce is 16 bytes, got " + nonce.length);
        }
        byte[] id = new byte[LENGTH];
        ByteBuffer.wrap(id).put(nonce).putLong(index).putInt(0).putInt(crc32c(content));
        return new BlockId(id);
    }

    /** The CRC32C that ends a {@link #unique} id. */
    int checksum() {
        return ByteBuffer.wrap(hash).getInt(LENGTH - 4);
    }

    static int crc32c(ByteBuffer content) {
        CRC32C crc = new CRC32C();
        crc.update(content.duplicate());
        return (int) crc.getValue();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return hash.clone();
    }

    void writeTo(ByteBuffer out) {
        out.put(hash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlockId that && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    /** Lower-case hex, for messages. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(hash);
    }
}
