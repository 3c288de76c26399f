package org.stowage.engine.internal.posix;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The C library's heap, asked to give blocks of 128 KiB and more back to the operating system as soon as they are
 * freed, in a process that left glibc's arenas at their default count (eight per core). glibc serves such a block
 * with its own {@code mmap} at first (unless an arena holds enough free memory already), but when one is freed it
 * raises that threshold to the freed block's size (up to 32 MiB), so the direct buffers and zstd contexts of the next
 * operation grow its arenas, where what is freed stays in the process. Spread over many arenas, that left 54 MiB
 * after a check in a Karaf host with glibc's defaults (docs/footprint.md, "Large blocks from mmap"); fixing the
 * threshold at glibc's own starting value stops that.
 *
 * <p>Where the environment limits the arenas ({@code MALLOC_ARENA_MAX} or the glibc tunable, as the distribution's
 * {@code bin/setenv} does), the threshold is left to glibc: with two arenas its reuse of freed blocks holds little
 * (the distribution: 84 MiB over a stock Karaf without the fix), and it spares each operation the page faults of
 * buffers mapped afresh, which made restores ~15 % slower with the threshold fixed (an alternating A/B of the bench).
 * An operator who set {@code MALLOC_MMAP_THRESHOLD_} or its tunable keeps theirs. It holds for the whole JVM, as the
 * environment variable does.
 */
public final class NativeHeap {

    /** glibc's {@code M_MMAP_THRESHOLD}. */
    static final int M_MMAP_THRESHOLD = -3;
    /** glibc's starting threshold, the smallest block it maps on its own. */
    static final int LARGE_BLOCK = 128 << 10;

    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);
    private static Boolean fixed;

    private NativeHeap() {
    }

    /**
     * Fixes glibc's mmap threshold at {@link #LARGE_BLOCK} once per JVM, unless the environment sets it or limits the
     * arenas. Returns whether the threshold is fixed (false: not glibc, no JNA, or the environment's heap settings);
     * later calls return the first call's answer.
     */
    public static synchronized boolean mapLargeBlocks() {
        if (fixed == null) {
            fixed = fixThreshold();
        }
        return fixed;
    }

    private static boolean fixThreshold() {
        if (environmentSets("MALLOC_MMAP_THRESHOLD_", "malloc.mmap_threshold")) {
            LOG.info("the C library's mmap threshold is the environment's (MALLOC_MMAP_THRESHOLD_ or GLIBC_TUNABLES)");
            return false;
        }
        if (environmentSets("MALLOC_ARENA_MAX", "malloc.arena_max")) {
            LOG.info("the C library's arenas are limited by the environment (MALLOC_ARENA_MAX or GLIBC_TUNABLES): "
                    + "its mmap threshold is left to it, which reuses freed blocks");
            return false;
        }
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return false;
        }
        try {
            if (Libc.Mallopt.mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK) != 1) {
                return false;
            }
        } catch (LinkageError e) { // JNA missing, or a C library without mallopt
            LOG.debug("the C library's heap is left as it is: {}", e.toString());
            return false;
        }
        LOG.info("glibc's mmap threshold is now fixed at {} KiB, so that what Stowage's jobs free goes "
                + "back to the system (set MALLOC_MMAP_THRESHOLD_ to choose otherwise)", LARGE_BLOCK >> 10);
        return true;
    }

    /** Whether glibc's heap setting is given by its environment {@code variable} or in {@code GLIBC_TUNABLES}. */
    private static boolean environmentSets(String variable, String tunable) {
        return System.getenv(variable) != null
                || System.getenv().getOrDefault("GLIBC_TUNABLES", "").contains(tunable);
    }
}
