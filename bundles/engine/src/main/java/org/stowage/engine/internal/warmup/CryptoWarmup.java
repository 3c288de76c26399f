package org.stowage.engine.internal.warmup;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.function.BooleanSupplier;

import javax.crypto.spec.SecretKeySpec;

import org.stowage.engine.internal.crypto.BlobHasher;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.Sealer;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;

/**
 * Compiles the blob path (AES-GCM seal and open, zstd, HMAC-SHA256) with a throwaway random key: the default
 * warm-up of the Karaf component and of a process that opens a repository for one operation
 * ({@link Warmup#atRepositoryOpen}).
 *
 * <p>Why: the JDK's GCM runs its GHASH in Java (~60 MiB/s) until C2 compiles the methods that call the intrinsic,
 * and they are called once per blob, so a JVM's first backup or restore ran its first hundreds of MiB at that
 * speed. C2 compiles a method only after ~5,000 calls counted from when its profiling (tier 3) code is installed:
 * 6,000 rounds, as this warm-up ran before, ended with the GCM chain still at tier 3, and the benchmark's first
 * backup compiled it (JFR: {@code GHASH.update}, {@code GHASH.doFinal}, {@code StoredForm.encode} reached tier 4
 * during the backup, and GHASH ran in Java for its first second). So it runs {@link #ROUNDS} rounds, and every
 * {@link #LARGE_EVERY}th payload is the size of a chunk, incompressible, so that the profile C2 compiles from has
 * seen the branches a large payload takes; the caller then waits for the JIT's queue ({@link JitQueue}).
 */
final class CryptoWarmup {

    static final int ROUNDS = 20_000;
    static final int LARGE_EVERY = 250;
    private static final int SMALL = 4 << 10;
    private static final int LARGE = 256 << 10;

    private CryptoWarmup() {
    }

    /**
     * Encodes and decodes up to {@code rounds} payloads (small ones half compressible, half not; every
     * {@link #LARGE_EVERY}th a large one of noise) with a random key; stops early when {@code stop} says so.
     *
     * @throws IllegalStateException if a payload does not decode to itself
     */
    static void run(int rounds, BooleanSupplier stop) throws UndecodableException {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        StoredForm form = new StoredForm(new Sealer(new SecretKeySpec(key, "AES")), 3);
        BlobHasher hasher = new BlobHasher(new SecretKeySpec(key, "HmacSHA256"));
        byte[] noise = new byte[LARGE];
        random.nextBytes(noise);
        byte[] zeros = new byte[SMALL];
        ByteBuffer plain = ByteBuffer.allocateDirect(LARGE);
        ByteBuffer out = ByteBuffer.allocateDirect(LARGE);
        for (int i = 0; i < rounds && !stop.getAsBoolean(); i++) {
            plain.clear();
            if (i % LARGE_EVERY == LARGE_EVERY - 1) {
                plain.put(noise);
            } else {
                plain.put((i & 1) == 0 ? noise : zeros, 0, SMALL);
            }
            plain.flip();
            hasher.idOf(plain);
            ByteBuffer stored = form.encode(plain, Domain.BLOB).stored();
            form.decodeInto(stored, Domain.BLOB, out.clear());
            if (!out.flip().equals(plain)) {
                throw new IllegalStateException("warm-up round " + i + " did not decode to its plaintext");
            }
        }
    }
}
