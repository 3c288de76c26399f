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
import org.stowage.engine.internal.memory.DirectMemory;

/**
 * Compiles the blob path (AES-GCM seal and open, zstd, HMAC-SHA256) with a throwaway random key: the default
 * warm-up of the Karaf component and of a process that opens a repository for one operation
 * ({@link Warmup#atRepositoryOpen}).
 *
 * <p>Why: the JDK's GCM runs its GHASH in Java (~60 MiB/s) until C2 compiles the methods that call the intrinsic,
 * and they are called once per blob, so a JVM's first backup or restore ran its first hundreds of MiB at that
 * speed. A few thousand rounds get them compiled, but only for the sizes the rounds had: the JDK 17 GCM takes
 * another path for a payload over 64 KiB ({@code GaloisCounterMode.TRIGGERLEN}), which a backup's chunks do. With
 * 4 KiB payloads only, as this warm-up had until 2026-12-06, JFR showed that path's methods compiled to tier 4
 * during the benchmark's first backup, with GHASH in Java for its first second. So every {@link #LARGE_EVERY}th
 * payload is 256 KiB of noise (stored uncompressed, so the GCM sees all of it), and the caller then waits for the
 * JIT's queue ({@link JitQueue}). Its buffers are freed when it ends; the thread's scratch buffers and zstd
 * contexts go with the thread's resources.
 *
 * <p>A fixed number of rounds was not always enough: the JIT raises its thresholds while its queue is long, as it is
 * while a service starts, and JFR of the benchmark showed GHASH in Java again in the first second of one first
 * backup out of two (2026-12-06, 23:32). So it runs at least {@link #ROUNDS} rounds and then goes on, up to
 * {@link #MAX_ROUNDS}, until a large round is fast: 256 KiB hashed, sealed and opened in under
 * {@link #FAST_LARGE_NANOS}, which takes ~9 ms with GHASH in Java (~60 MiB/s, for 512 KiB) and well under 1 ms
 * compiled. A round that the scheduler slows down only makes it run longer, never stop early.
 */
final class CryptoWarmup {

    static final int ROUNDS = 6_000;
    static final int MAX_ROUNDS = 4 * ROUNDS;
    static final int LARGE_EVERY = 250;
    static final long FAST_LARGE_NANOS = 3_000_000;
    private static final int SMALL = 4 << 10;
    private static final int LARGE = 256 << 10;

    private CryptoWarmup() {
    }

    /**
     * Encodes and decodes at least {@code minRounds} payloads (small ones half compressible, half not; every
     * {@link #LARGE_EVERY}th a large one of noise) with a random key, and more until a large one is fast, at most
     * {@code maxRounds}; stops early when {@code stop} says so. Returns the rounds run.
     *
     * @throws IllegalStateException if a payload does not decode to itself
     */
    static int run(int minRounds, int maxRounds, BooleanSupplier stop) throws UndecodableException {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        StoredForm form = new StoredForm(new Sealer(new SecretKeySpec(key, "AES")), 3);
        BlobHasher hasher = new BlobHasher(new SecretKeySpec(key, "HmacSHA256"));
        byte[] noise = new byte[LARGE];
        random.nextBytes(noise);
        byte[] zeros = new byte[SMALL];
        ByteBuffer plain = DirectMemory.allocate(LARGE);
        ByteBuffer out = DirectMemory.allocate(LARGE);
        try {
            int round = 0;
            boolean largeIsFast = false;
            for (; round < maxRounds && !(round >= minRounds && largeIsFast) && !stop.getAsBoolean(); round++) {
                boolean large = round % LARGE_EVERY == LARGE_EVERY - 1;
                plain.clear().put(large ? noise : (round & 1) == 0 ? noise : zeros, 0, large ? LARGE : SMALL);
                long start = System.nanoTime();
                roundTrip(plain.flip(), form, hasher, out, round);
                if (large) {
                    largeIsFast = System.nanoTime() - start < FAST_LARGE_NANOS;
                }
            }
            return round;
        } finally {
            DirectMemory.free(plain);
            DirectMemory.free(out);
        }
    }

    private static void roundTrip(ByteBuffer plain, StoredForm form, BlobHasher hasher, ByteBuffer out, int round)
            throws UndecodableException {
        hasher.idOf(plain);
        ByteBuffer stored = form.encode(plain, Domain.BLOB).stored();
        form.decodeInto(stored, Domain.BLOB, out.clear());
        if (!out.flip().equals(plain)) {
            throw new IllegalStateException("warm-up round " + round + " did not decode to its plaintext");
        }
    }
}
