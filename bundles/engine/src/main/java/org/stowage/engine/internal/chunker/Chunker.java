package org.stowage.engine.internal.chunker;

import org.stowage.engine.internal.repo.RepositoryConfig;

/**
 * Content-defined chunking with a FastCDC-style gear hash and normalized chunking: between {@code min} and
 * {@code avg} a cut needs two more zero bits than the average calls for (cuts are rarer), above {@code avg} two
 * fewer (cuts are likelier), so chunk sizes cluster around the average; at {@code max} the chunk is cut anyway.
 *
 * <p>The gear hash {@code h = (h << 1) + gear[b]} makes bit k of h depend on the last k + 1 bytes only, so the
 * masks test the top bits (a 64-byte window at most). Hashing starts 64 bytes before {@code min}, so a cut point
 * depends only on the bytes just before it, never on where the chunk started (an insertion shifts only nearby
 * cuts). The gear table comes from the repository's seed, so boundaries differ between repositories.
 *
 * <p>Immutable and thread-safe.
 */
public final class Chunker {

    private static final int WINDOW = 64;
    private static final int NORMALIZATION = 2;

    private final long[] gear;
    private final int min;
    private final int avg;
    private final int max;
    private final long maskStrict;
    private final long maskLoose;

    public Chunker(long seed, int min, int avg, int max) {
        if (!(WINDOW < min && min < avg && avg < max) || Integer.bitCount(avg) != 1) {
            throw new IllegalArgumentException("chunker needs " + WINDOW + " < min < avg < max with avg a power of"
                    + " two, got min=" + min + " avg=" + avg + " max=" + max);
        }
        this.gear = gearTable(seed);
        this.min = min;
        this.avg = avg;
        this.max = max;
        int bits = Integer.numberOfTrailingZeros(avg);
        this.maskStrict = topBits(bits + NORMALIZATION);
        this.maskLoose = topBits(Math.max(1, bits - NORMALIZATION));
    }

    public static Chunker of(RepositoryConfig config) {
        return new Chunker(config.chunkerSeed(), config.chunkMin(), config.chunkAvg(), config.chunkMax());
    }

    public int min() {
        return min;
    }

    public int avg() {
        return avg;
    }

    public int max() {
        return max;
    }

    /**
     * The length of the chunk that starts at {@code data[from]}.
     *
     * @param available bytes available from {@code from}; must be at least {@link #max()} unless the input ends
     *                  there (then the rest is one or more chunks and the last may be shorter than min)
     */
    public int cut(byte[] data, int from, int available) {
        if (available <= min) {
            return available;
        }
        int end = Math.min(available, max);
        int normal = Math.min(end, avg);
        long h = 0;
        long[] g = gear;
        int i = min - WINDOW;
        for (; i < min; i++) {
            h = (h << 1) + g[data[from + i] & 0xff];
        }
        long mask = maskStrict;
        for (; i < normal; i++) {
            h = (h << 1) + g[data[from + i] & 0xff];
            if ((h & mask) == 0) {
                return i + 1;
            }
        }
        mask = maskLoose;
        for (; i < end; i++) {
            h = (h << 1) + g[data[from + i] & 0xff];
            if ((h & mask) == 0) {
                return i + 1;
            }
        }
        return end;
    }

    private static long topBits(int n) {
        return -1L << (64 - n);
    }

    /** 256 values from SplitMix64 seeded with the repository's seed: deterministic and well mixed. */
    private static long[] gearTable(long seed) {
        long[] table = new long[256];
        long state = seed;
        for (int i = 0; i < table.length; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            table[i] = z ^ (z >>> 31);
        }
        return table;
    }
}
