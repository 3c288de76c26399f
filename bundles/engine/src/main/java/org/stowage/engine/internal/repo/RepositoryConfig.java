package org.stowage.engine.internal.repo;

import java.util.regex.Pattern;

/**
 * A repository's parameters, fixed at init and stored (encrypted) in the config blob.
 *
 * @param version          format version, currently 1
 * @param id               repository id, 64 hex characters
 * @param chunkerSeed      seed of the chunker's gear table (per repository, so chunk boundaries do not reveal
 *                         content across repositories)
 * @param chunkMin         smallest chunk in bytes, more than 64 (the chunker's window)
 * @param chunkAvg         target average chunk in bytes (a power of two)
 * @param chunkMax         largest chunk in bytes, at most {@link #MAX_CHUNK}
 * @param packSize         target pack size in bytes, from chunkMax to {@link #MAX_PACK}
 * @param compressionLevel zstd level, 0 for no compression
 */
public record RepositoryConfig(int version, String id, long chunkerSeed, int chunkMin, int chunkAvg, int chunkMax,
                               int packSize, int compressionLevel) {

    /** Largest chunk accepted: every pipeline stage holds a few buffers of this size per thread. */
    public static final int MAX_CHUNK = 64 << 20;
    /** Largest target pack size accepted: a pack is built in one buffer, six of them at a time. */
    public static final int MAX_PACK = 512 << 20;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates, also when parsed from the config blob: the chunker, the packer and the readers size their buffers
     * from these values. A violation is an {@link IllegalArgumentException} naming the value.
     */
    public RepositoryConfig {
        if (version != 1) {
            throw new IllegalArgumentException("repository format version " + version + " is unknown (1 expected)");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("repository id '" + id + "' is not 64 hex digits");
        }
        if (!(64 < chunkMin && chunkMin < chunkAvg && chunkAvg < chunkMax && chunkMax <= MAX_CHUNK)) {
            throw new IllegalArgumentException("chunk sizes must satisfy 64 < min < avg < max <= " + MAX_CHUNK
                    + ", got min=" + chunkMin + " avg=" + chunkAvg + " max=" + chunkMax);
        }
        if (Integer.bitCount(chunkAvg) != 1) {
            throw new IllegalArgumentException("average chunk size must be a power of two, got " + chunkAvg);
        }
        if (packSize < chunkMax || packSize > MAX_PACK) {
            throw new IllegalArgumentException("pack size " + packSize + " is smaller than the largest chunk "
                    + chunkMax + " or larger than " + MAX_PACK);
        }
        if (compressionLevel < 0 || compressionLevel > 19) {
            throw new IllegalArgumentException("zstd level must be 0 (off) to 19, got " + compressionLevel);
        }
    }
}
