package org.stowage.engine.internal.crypto;

import java.time.Instant;

/**
 * The JSON content of a key file (the only plaintext object on a device). It holds no secret in the clear: the
 * master key is sealed with AES-256-GCM ({@link Domain#KEY}) under a key-encryption key derived from the password.
 *
 * <p>A key file is not authenticated before its scrypt runs (the password is what authenticates it), so anyone who
 * can write to {@code keys/} chooses these parameters. The constructor therefore refuses, with an
 * {@link IllegalArgumentException} naming the field, any that would make opening exhaust memory or CPU or that no
 * Stowage version writes: see {@link #MAX_N}, {@link #MAX_R}, {@link #MAX_P}, {@link #MAX_MEMORY},
 * {@link #MAX_WORK} and the salt and wrapped-key lengths (docs/design.md §3).
 *
 * @param version  format version, 1
 * @param created  when the key file was written
 * @param host     host that wrote it, for the operator
 * @param kdf      always {@code scrypt}
 * @param n        scrypt cost, a power of two from 2 to {@link #MAX_N}
 * @param r        scrypt block size, 1 to {@link #MAX_R}
 * @param p        scrypt parallelism, 1 to {@link #MAX_P}
 * @param salt     {@link #MIN_SALT} to {@link #MAX_SALT} random bytes, 32 when written (base64 in JSON)
 * @param wrapped  the sealed 64-byte master key: nonce(12) || ciphertext(64) || tag(16) (base64 in JSON)
 */
public record KeyFile(int version, Instant created, String host, String kdf, int n, int r, int p, byte[] salt,
                      byte[] wrapped) {

    public static final String SCRYPT = "scrypt";
    /** Largest scrypt N accepted: 2^20, 32 times the default 2^15. */
    public static final int MAX_N = 1 << 20;
    /** Largest scrypt r accepted (8 is written). */
    public static final int MAX_R = 32;
    /** Largest scrypt p accepted (1 is written). */
    public static final int MAX_P = 16;
    /** Largest scrypt memory accepted, 128 · N · r bytes: 256 MiB (the default takes 32 MiB). */
    public static final long MAX_MEMORY = 256L << 20;
    /** Largest scrypt work accepted, 128 · N · r · p bytes mixed (BouncyCastle runs the p lanes one after another). */
    public static final long MAX_WORK = 1L << 30;
    public static final int MIN_SALT = 16;
    public static final int MAX_SALT = 64;
    /** Length of {@link #wrapped}: the sealed master key. */
    public static final int WRAPPED_BYTES = MasterKey.BYTES + Sealer.OVERHEAD;

    public KeyFile {
        if (version != 1) {
            throw new IllegalArgumentException("key file version " + version + " is unknown (1 expected)");
        }
        if (!SCRYPT.equals(kdf)) {
            throw new IllegalArgumentException("key file uses KDF '" + kdf + "'; only '" + SCRYPT + "' is known");
        }
        checkScrypt(n, r, p);
        if (salt == null || salt.length < MIN_SALT || salt.length > MAX_SALT) {
            throw new IllegalArgumentException("key file salt has " + (salt == null ? "no" : salt.length)
                    + " bytes; " + MIN_SALT + " to " + MAX_SALT + " expected");
        }
        if (wrapped == null || wrapped.length != WRAPPED_BYTES) {
            throw new IllegalArgumentException("key file wrapped key has " + (wrapped == null ? "no" : wrapped.length)
                    + " bytes; " + WRAPPED_BYTES + " expected");
        }
    }

    /**
     * Refuses scrypt parameters outside the bounds above.
     *
     * @throws IllegalArgumentException naming the parameter, its value and the bound
     */
    public static void checkScrypt(int n, int r, int p) {
        if (n < 2 || n > MAX_N || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("scrypt N " + n + " is not a power of two from 2 to " + MAX_N);
        }
        if (r < 1 || r > MAX_R) {
            throw new IllegalArgumentException("scrypt r " + r + " is not from 1 to " + MAX_R);
        }
        if (p < 1 || p > MAX_P) {
            throw new IllegalArgumentException("scrypt p " + p + " is not from 1 to " + MAX_P);
        }
        long memory = 128L * n * r;
        if (memory > MAX_MEMORY) {
            throw new IllegalArgumentException("scrypt N " + n + " r " + r + " needs " + (memory >> 20)
                    + " MiB (128 · N · r); at most " + (MAX_MEMORY >> 20) + " MiB is accepted");
        }
        if (memory * p > MAX_WORK) {
            throw new IllegalArgumentException("scrypt N " + n + " r " + r + " p " + p + " mixes " + (memory * p >> 20)
                    + " MiB (128 · N · r · p); at most " + (MAX_WORK >> 20) + " MiB is accepted");
        }
    }
}
