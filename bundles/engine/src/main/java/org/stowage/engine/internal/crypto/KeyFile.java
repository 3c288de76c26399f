package org.stowage.engine.internal.crypto;

import java.time.Instant;

/**
 * The JSON content of a key file (the only plaintext object on a device). It holds no secret in the clear: the
 * master key is sealed with AES-256-GCM ({@link Domain#KEY}) under a key-encryption key derived from the password.
 *
 * @param version  format version, 1
 * @param created  when the key file was written
 * @param host     host that wrote it, for the operator
 * @param kdf      always {@code scrypt}
 * @param n        scrypt cost (a power of two)
 * @param r        scrypt block size
 * @param p        scrypt parallelism
 * @param salt     32 random bytes (base64 in JSON)
 * @param wrapped  the sealed 64-byte master key: nonce(12) || ciphertext(64) || tag(16) (base64 in JSON)
 */
public record KeyFile(int version, Instant created, String host, String kdf, int n, int r, int p, byte[] salt,
                      byte[] wrapped) {

    public static final String SCRYPT = "scrypt";
}
