package org.stowage.engine.internal.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The repository's secret: a 256-bit AES key that encrypts every stored object and a separate 256-bit key for blob
 * ids (HMAC-SHA256). Created once at init, stored only wrapped in key files. Immutable and thread-safe.
 */
public final class MasterKey {

    /** Serialized length: encryption key then id key. */
    public static final int BYTES = 64;

    private final SecretKey encryption;
    private final SecretKey id;

    private MasterKey(byte[] bytes) {
        this.encryption = new SecretKeySpec(bytes, 0, 32, "AES");
        this.id = new SecretKeySpec(bytes, 32, 32, "HmacSHA256");
    }

    public static MasterKey random(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        try {
            return new MasterKey(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public static MasterKey fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a master key has " + BYTES + " bytes, got " + bytes.length);
        }
        return new MasterKey(bytes);
    }

    /** A fresh copy of the key material; the caller wipes it after use. */
    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        System.arraycopy(encryption.getEncoded(), 0, out, 0, 32);
        System.arraycopy(id.getEncoded(), 0, out, 32, 32);
        return out;
    }

    public SecretKey encryptionKey() {
        return encryption;
    }

    public SecretKey idKey() {
        return id;
    }
}
