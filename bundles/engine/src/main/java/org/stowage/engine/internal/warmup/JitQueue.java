package org.stowage.engine.internal.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Waits for the JIT to work off what a warm-up queued: until its total compile time stops growing for two polls in a
 * row, at most {@link #WAIT_MAX_MILLIS}. While its queue is long the JIT raises its thresholds, and a method queued
 * for C2 is not compiled until its turn comes, so a warm-up that ends without waiting leaves part of its compiling to
 * the first job.
 */
final class JitQueue {

    private static final long POLL_MILLIS = 100;
    private static final long WAIT_MAX_MILLIS = 10_000;

    private JitQueue() {
    }

    /** Returns at once where the JVM does not report compile time. */
    static void awaitIdle() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + WAIT_MAX_MILLIS * 1_000_000;
        long last = jit.getTotalCompilationTime();
        int quietPolls = 0;
        while (quietPolls < 2 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = jit.getTotalCompilationTime();
            quietPolls = now == last ? quietPolls + 1 : 0;
            last = now;
        }
    }
}
