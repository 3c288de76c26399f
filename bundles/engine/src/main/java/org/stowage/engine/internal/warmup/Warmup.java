package org.stowage.engine.internal.warmup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.memory.ThreadResources;

/**
 * Gets the JIT's compiling out of the way of the first backup or restore of a JVM, once per JVM, on a background
 * daemon thread; whichever entry is called first decides which warm-up runs, later calls do nothing.
 * <ul>
 *   <li>{@link #atServiceStart}: a long-running service (the Karaf component, the benchmark's service mode)
 *       compiles the crypto path and then rehearses the whole backup and restore path ({@link Rehearsal}) while it
 *       is idle after starting. The rehearsal alone leaves part of the GCM to the first backup: its payloads are
 *       chunks of at most 256 KiB, most of them compressed, and JFR of the benchmark's backup after a rehearsal
 *       showed GHASH in Java ({@code GHASH.processBlocksDirect} below {@code GCTRGHASH.doFinal}) in ~0.5 of its
 *       ~5.6 CPU-s; after the crypto warm-up it did not appear;</li>
 *   <li>{@link #atRepositoryOpen}: a process that opens a repository for one operation compiles only the crypto
 *       path ({@link CryptoWarmup}), which is short enough to finish while the operation starts; a rehearsal would
 *       compete with it for the cores instead.</li>
 * </ul>
 * A failing warm-up is logged and otherwise ignored: it only means the first operation compiles as it goes. A
 * rehearsal that restores a wrong tree is logged as an error, since it means the engine is broken.
 */
public final class Warmup {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile Thread running;
    private static volatile boolean stopped;
    static final String SCRATCH_PREFIX = "stowage-warmup-";

    private Warmup() {
    }

    /**
     * Starts the crypto warm-up and then the rehearsal, in a new directory below {@code scratchParent} (created if
     * missing), a directory this process owns (Karaf: {@code data/tmp}): scratch directories that an earlier run left
     * there when its JVM stopped mid-rehearsal are removed first.
     */
    public static void atServiceStart(Path scratchParent) {
        startOnce(() -> {
            compileCrypto();
            if (!stopped) {
                rehearse(scratchParent);
            }
        });
    }

    /** Starts the crypto warm-up. */
    public static void atRepositoryOpen() {
        startOnce(Warmup::compileCrypto);
    }

    /**
     * Stops a running warm-up (at its next round, or at once if it waits for the JIT) and keeps any from starting:
     * the component calls it when it stops, so that no thread keeps running code of a stopped bundle.
     */
    public static void stop() {
        stopped = true;
        Thread thread = running;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private static void startOnce(Runnable warmup) {
        if (stopped || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                warmup.run();
            } finally {
                running = null;
                ThreadResources.releaseCurrentThread();
            }
        }, "stowage-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        running = thread;
        thread.start();
    }

    private static void rehearse(Path scratchParent) {
        long start = System.nanoTime();
        Path scratch = null;
        try {
            removeStale(Files.createDirectories(scratchParent));
            scratch = Files.createTempDirectory(scratchParent, SCRATCH_PREFIX);
            int rounds = new Rehearsal(scratch).run(Rehearsal.ROUNDS, () -> stopped);
            LOG.info("start-up rehearsal done: {} rounds of backup, restore read back equal and check in {} ms",
                    rounds, millisSince(start));
        } catch (IOException | RuntimeException e) {
            if (stopped) {
                LOG.debug("start-up rehearsal stopped with its component ({})", e.toString());
            } else if (e instanceof IllegalStateException) {
                LOG.error("the start-up rehearsal of backup and restore went wrong: {}", e.getMessage(), e);
            } else {
                LOG.warn("start-up rehearsal of backup and restore failed ({}); the first backup or restore will "
                        + "just be slower", e.toString());
            }
        } finally {
            removeQuietly(scratch);
        }
    }

    static void removeStale(Path scratchParent) throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(scratchParent, SCRATCH_PREFIX + "*")) {
            for (Path dir : stale) {
                Rehearsal.deleteTree(dir);
            }
        }
    }

    private static void compileCrypto() {
        long start = System.nanoTime();
        try {
            int rounds = CryptoWarmup.run(CryptoWarmup.ROUNDS, CryptoWarmup.MAX_ROUNDS, () -> stopped);
            JitQueue.awaitIdle();
            LOG.debug("crypto and compression path compiled in {} rounds, {} ms", rounds, millisSince(start));
        } catch (RuntimeException | UndecodableException e) {
            LOG.warn("warm-up of the crypto path failed ({}); the first backup or restore will just be slower",
                    e.toString());
        }
    }

    private static void removeQuietly(Path scratch) {
        if (scratch == null) {
            return;
        }
        try {
            Rehearsal.deleteTree(scratch);
        } catch (IOException e) {
            LOG.warn("cannot remove the rehearsal's scratch directory {} ({}); remove it by hand", scratch,
                    e.toString());
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
