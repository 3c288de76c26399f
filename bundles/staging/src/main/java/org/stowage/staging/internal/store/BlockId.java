package org.stowage.staging.internal.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** The SHA-256 of a data block's content: its identity within the store (blocks are content-addressed). Immutable. */
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
            throw new IllegalArgumentException("a block id is a 32-byte SHA-256, got " + hash.length + " bytes");
        }
        return new BlockId(hash.clone());
    }

    /** The id of {@code length} bytes of {@code content} from its position; the buffer's position is not moved. */
    public static BlockId hashOf(java.nio.ByteBuffer content) {
        MessageDigest digest = sha256();
        digest.update(content.duplicate());
        return new BlockId(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    /** A copy of the 32 hash bytes. */
    public byte[] bytes() {
        return hash.clone();
    }

    void writeTo(java.nio.ByteBuffer out) {
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
