package org.stowage.engine.internal.crypto;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the blob path (AES-GCM seal and open, zstd, HMAC-SHA256) once per JVM, on a background thread, when the
 * first repository opens.
 *
 * <p>Why: the JDK's GCM runs its GHASH in Java (~60 MiB/s) until C2 compiles the method that calls the intrinsic,
 * and that method is called once per blob: about the first 100 MiB of each thread's first backup or restore ran
 * at that speed, and the C2 compilations themselves (0.5-0.8 s each for the sealing path) competed with the backup
 * for the cores. A few thousand calls on small buffers reach the compile thresholds in ~0.5 s of one core, while
 * the service is idle after opening the repository. The warm-up uses a throwaway random key and touches no
 * repository. A failure is logged and ignored: it only means the first operation is slower.
 */
public final class JitWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(JitWarmup.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    static final int ROUNDS = 6000;
    private static final int SIZE = 4 << 10;

    private JitWarmup() {
    }

    /** Starts the warm-up thread unless one was started before in this JVM; returns at once. */
    public static void startOnce() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(JitWarmup::runLogged, "stowage-jit-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void runLogged() {
        long start = System.nanoTime();
        try {
            run(ROUNDS);
            LOG.debug("crypto and compression path compiled in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | UndecodableException e) {
            LOG.warn("warm-up of the crypto path failed ({}); the first backup or restore will just be slower",
                    e.toString());
        }
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
