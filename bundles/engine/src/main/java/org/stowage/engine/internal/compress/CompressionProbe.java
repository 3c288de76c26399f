package org.stowage.engine.internal.compress;

import java.nio.ByteBuffer;

/**
 * Chooses the zstd level for one payload from a cheap estimate of how well it compresses, so that zstd does not
 * work hard on data that is already compressed (jars, jmods, archives, media).
 *
 * <p><b>Rule</b> (decided from a survey of the benchmark's 1 GiB of real files, see docs/design.md): payloads of at
 * most {@value #SMALL} bytes are compressed at the configured level (the probe would cost as much as it saves).
 * For larger ones, {@value #SLICES} slices of {@value #SLICE} bytes, evenly spread from the first to the last byte,
 * are compressed together at level 1:
 * <ul>
 *   <li>sample ratio (compressed / sample) above {@value #RAW_ABOVE}: store raw, zstd is not run;</li>
 *   <li>above {@value #FAST_ABOVE}: level 1 (low gain: zstd's level barely changes the size here);</li>
 *   <li>above {@value #MID_ABOVE}: at most level 2 (moderate gain: on the survey's 214 MiB of such chunks, level 2
 *       stored 0.8 MiB more than level 3 in 55 % less time);</li>
 *   <li>otherwise: the configured level.</li>
 * </ul>
 * The probe is an estimate: a payload whose sampled slices are incompressible but whose other bytes compress is
 * stored raw. That is intended; the loss is bounded by what the unsampled bytes would have saved and is measured
 * on real data to be ~1 % of the repository. Thread-safe: sample buffers are per thread.
 */
public final class CompressionProbe {

    public static final int SMALL = 64 << 10;
    static final int SLICES = 8;
    static final int SLICE = 4 << 10;
    static final double RAW_ABOVE = 0.99;
    static final double FAST_ABOVE = 0.90;
    static final int FAST_LEVEL = 1;
    static final double MID_ABOVE = 0.70;
    static final int MID_LEVEL = 2;

    private static final ThreadLocal<ByteBuffer[]> BUFFERS = ThreadLocal.withInitial(() -> new ByteBuffer[]{
            ByteBuffer.allocateDirect(SLICES * SLICE), ByteBuffer.allocateDirect(Compressor.bound(SLICES * SLICE))});

    private CompressionProbe() {
    }

    /**
     * The zstd level to compress {@code source} (direct, position to limit; not changed) with, given the configured
     * {@code level} (1 or more); 0 means store it raw.
     */
    public static int levelFor(ByteBuffer source, int level) {
        int length = source.remaining();
        if (length <= SMALL) {
            return level;
        }
        ByteBuffer[] buffers = BUFFERS.get();
        ByteBuffer sample = buffers[0].clear();
        int base = source.position();
        long stride = (length - SLICE) / (SLICES - 1);
        for (int i = 0; i < SLICES; i++) {
            int from = base + (int) (i * stride);
            sample.put(source.duplicate().limit(from + SLICE).position(from));
        }
        sample.flip();
        double ratio = (double) Compressor.compress(sample, buffers[1].clear(), FAST_LEVEL) / sample.remaining();
        if (ratio > RAW_ABOVE) {
            return 0;
        }
        if (ratio > FAST_ABOVE) {
            return Math.min(level, FAST_LEVEL);
        }
        return ratio > MID_ABOVE ? Math.min(level, MID_LEVEL) : level;
    }
}
