package org.stowage.engine.internal.warmup;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

import javax.crypto.spec.SecretKeySpec;

import org.stowage.engine.internal.crypto.BlobHasher;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.Sealer;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;

/**
 * Compiles the blob path (AES-GCM seal and open, zstd, HMAC-SHA256) with a throwaway random key: the warm-up of a
 * process that opens a repository for one operation ({@link Warmup#atRepositoryOpen}).
 *
 * <p>Why: the JDK's GCM runs its GHASH in Java (~60 MiB/s) until C2 compiles the method that calls the intrinsic,
 * and that method is called once per blob: about the first 100 MiB of each thread's first backup or restore ran
 * at that speed. A few thousand calls on small buffers reach the compile thresholds in ~0.5 s of one core, while
 * the operation is still walking its tree or planning its restore.
 */
final class CryptoWarmup {

    static final int ROUNDS = 6000;
    private static final int SIZE = 4 << 10;

    private CryptoWarmup() {
    }

    /**
     * Encodes and decodes {@code rounds} small payloads (half compressible, half not) with a random key.
     *
     * @throws IllegalStateException if a payload does not decode to itself
     */
    static void run(int rounds) throws UndecodableException {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        StoredForm form = new StoredForm(new Sealer(new SecretKeySpec(key, "AES")), 3);
        BlobHasher hasher = new BlobHasher(new SecretKeySpec(key, "HmacSHA256"));
        byte[] noise = new byte[SIZE];
        random.nextBytes(noise);
        byte[] zeros = new byte[SIZE];
        ByteBuffer plain = ByteBuffer.allocateDirect(SIZE);
        ByteBuffer out = ByteBuffer.allocateDirect(SIZE);
        for (int i = 0; i < rounds; i++) {
            plain.clear();
            plain.put((i & 1) == 0 ? noise : zeros).flip();
            hasher.idOf(plain);
            ByteBuffer stored = form.encode(plain, Domain.BLOB).stored();
            form.decodeInto(stored, Domain.BLOB, out.clear());
            if (!out.flip().equals(plain)) {
                throw new IllegalStateException("warm-up round " + i + " did not decode to its plaintext");
            }
        }
    }
}
