package org.stowage.engine.internal.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * scrypt (RFC 7914) on the JDK's own HMAC-SHA256: the same function, and so the same key files, as BouncyCastle's
 * {@code SCrypt.generate}, without loading the signed BouncyCastle jar (its signature verification cost ~0.3-0.6 s
 * of every repository open). Memory: 128 × r × n bytes. Stateless and thread-safe.
 */
final class Scrypt {

    private Scrypt() {
    }

    /**
     * scrypt(password, salt, n, r, p) of {@code length} bytes.
     *
     * @param n CPU/memory cost, a power of two above 1
     */
    static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int length) {
        if (n < 2 || Integer.bitCount(n) != 1 || r < 1 || p < 1 || (long) 128 * r * n > Integer.MAX_VALUE - 64
                || (long) 128 * r * p > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("invalid scrypt parameters n=" + n + " r=" + r + " p=" + p);
        }
        Mac mac = hmac(password);
        int blockInts = 32 * r;
        byte[] b = pbkdf2(mac, salt, p * 128 * r);
        int[] x = new int[blockInts];
        int[] v = new int[blockInts * n];
        int[] scratch = new int[blockInts + 16];
        try {
            for (int i = 0; i < p; i++) {
                int off = i * 128 * r;
                for (int k = 0; k < blockInts; k++) {
                    x[k] = littleEndian(b, off + 4 * k);
                }
                roMix(x, v, scratch, n, r);
                for (int k = 0; k < blockInts; k++) {
                    putLittleEndian(b, off + 4 * k, x[k]);
                }
            }
            return pbkdf2(mac, b, length);
        } finally {
            Arrays.fill(b, (byte) 0);
            Arrays.fill(x, 0);
            Arrays.fill(v, 0);
            Arrays.fill(scratch, 0);
        }
    }

    private static void roMix(int[] x, int[] v, int[] scratch, int n, int r) {
        int blockInts = 32 * r;
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, 0, v, i * blockInts, blockInts);
            blockMix(x, scratch, r);
        }
        int mask = n - 1;
        for (int i = 0; i < n; i++) {
            int j = x[blockInts - 16] & mask; // Integerify: the first word of the last 64-byte block
            int base = j * blockInts;
            for (int k = 0; k < blockInts; k++) {
                x[k] ^= v[base + k];
            }
            blockMix(x, scratch, r);
        }
    }

    /** BlockMix with Salsa20/8, in place: even 64-byte blocks go to the first half, odd ones to the second. */
    private static void blockMix(int[] b, int[] scratch, int r) {
        int blockInts = 32 * r;
        int[] y = scratch; // y[0..blockInts) the output, y[blockInts..+16) the running block
        System.arraycopy(b, blockInts - 16, y, blockInts, 16);
        for (int i = 0; i < 2 * r; i++) {
            for (int k = 0; k < 16; k++) {
                y[blockInts + k] ^= b[i * 16 + k];
            }
            salsa8(y, blockInts);
            int to = (i & 1) == 0 ? (i >> 1) * 16 : (r + (i >> 1)) * 16;
            System.arraycopy(y, blockInts, y, to, 16);
        }
        System.arraycopy(y, 0, b, 0, blockInts);
    }

    private static void salsa8(int[] b, int o) {
        int x0 = b[o], x1 = b[o + 1], x2 = b[o + 2], x3 = b[o + 3], x4 = b[o + 4], x5 = b[o + 5], x6 = b[o + 6];
        int x7 = b[o + 7], x8 = b[o + 8], x9 = b[o + 9], x10 = b[o + 10], x11 = b[o + 11], x12 = b[o + 12];
        int x13 = b[o + 13], x14 = b[o + 14], x15 = b[o + 15];
        for (int i = 0; i < 8; i += 2) {
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);
            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        b[o] += x0;
        b[o + 1] += x1;
        b[o + 2] += x2;
        b[o + 3] += x3;
        b[o + 4] += x4;
        b[o + 5] += x5;
        b[o + 6] += x6;
        b[o + 7] += x7;
        b[o + 8] += x8;
        b[o + 9] += x9;
        b[o + 10] += x10;
        b[o + 11] += x11;
        b[o + 12] += x12;
        b[o + 13] += x13;
        b[o + 14] += x14;
        b[o + 15] += x15;
    }

    /** PBKDF2-HMAC-SHA256 with one iteration (all scrypt uses). */
    private static byte[] pbkdf2(Mac mac, byte[] salt, int length) {
        byte[] out = new byte[length];
        byte[] counter = new byte[4];
        for (int block = 1, off = 0; off < length; block++, off += 32) {
            counter[0] = (byte) (block >>> 24);
            counter[1] = (byte) (block >>> 16);
            counter[2] = (byte) (block >>> 8);
            counter[3] = (byte) block;
            mac.update(salt);
            byte[] t = mac.doFinal(counter);
            System.arraycopy(t, 0, out, off, Math.min(32, length - off));
        }
        return out;
    }

    private static Mac hmac(byte[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new RawKey(password));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot compute HMAC-SHA256", e);
        }
    }

    private static int littleEndian(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void putLittleEndian(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    /** An HMAC key of any length, including empty (which {@code SecretKeySpec} refuses but scrypt allows). */
    private record RawKey(byte[] bytes) implements SecretKey {
        @Override
        public String getAlgorithm() {
            return "HmacSHA256";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return bytes.clone();
        }
    }
}
