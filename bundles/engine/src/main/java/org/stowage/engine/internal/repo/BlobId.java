package org.stowage.engine.internal.repo;

import java.util.HexFormat;

/**
 * A 256-bit blob id: the keyed SHA-256 of the blob's plaintext. Held as four longs so that millions of ids fit in
 * an in-memory index without an object per byte array. Immutable; equality by value.
 */
public record BlobId(long w0, long w1, long w2, long w3) implements Comparable<BlobId> {

    public static final int BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    public static BlobId fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a blob id has 32 bytes, got " + bytes.length);
        }
        return new BlobId(word(bytes, 0), word(bytes, 8), word(bytes, 16), word(bytes, 24));
    }

    public static BlobId fromHex(String hex) {
        if (hex == null || hex.length() != 2 * BYTES) {
            throw new IllegalArgumentException("a blob id is 64 hex characters, got '" + hex + "'");
        }
        return fromBytes(HEX.parseHex(hex));
    }

    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        put(out, 0, w0);
        put(out, 8, w1);
        put(out, 16, w2);
        put(out, 24, w3);
        return out;
    }

    public String hex() {
        return HEX.formatHex(toBytes());
    }

    /** The first 8 hex characters, for messages. */
    public String shortHex() {
        return hex().substring(0, 8);
    }

    @Override
    public int compareTo(BlobId o) {
        int c = Long.compareUnsigned(w0, o.w0);
        if (c == 0) {
            c = Long.compareUnsigned(w1, o.w1);
        }
        if (c == 0) {
            c = Long.compareUnsigned(w2, o.w2);
        }
        return c != 0 ? c : Long.compareUnsigned(w3, o.w3);
    }

    @Override
    public String toString() {
        return hex();
    }

    private static long word(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    private static void put(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
