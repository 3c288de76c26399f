package org.stowage.engine.internal.repo;

/**
 * A repository's parameters, fixed at init and stored (encrypted) in the config blob.
 *
 * @param version          format version, currently 1
 * @param id               repository id, 64 hex characters
 * @param chunkerSeed      seed of the chunker's gear table (per repository, so chunk boundaries do not reveal
 *                         content across repositories)
 * @param chunkMin         smallest chunk in bytes
 * @param chunkAvg         target average chunk in bytes (a power of two)
 * @param chunkMax         largest chunk in bytes
 * @param packSize         target pack size in bytes
 * @param compressionLevel zstd level, 0 for no compression
 */
public record RepositoryConfig(int version, String id, long chunkerSeed, int chunkMin, int chunkAvg, int chunkMax,
                               int packSize, int compressionLevel) {

    public RepositoryConfig {
        if (!(0 < chunkMin && chunkMin < chunkAvg && chunkAvg < chunkMax)) {
            throw new IllegalArgumentException("chunk sizes must satisfy 0 < min < avg < max, got min=" + chunkMin
                    + " avg=" + chunkAvg + " max=" + chunkMax);
        }
        if (Integer.bitCount(chunkAvg) != 1) {
            throw new IllegalArgumentException("average chunk size must be a power of two, got " + chunkAvg);
        }
        if (packSize < chunkMax) {
            throw new IllegalArgumentException("pack size " + packSize + " is smaller than the largest chunk "
                    + chunkMax);
        }
        if (compressionLevel < 0 || compressionLevel > 19) {
            throw new IllegalArgumentException("zstd level must be 0 (off) to 19, got " + compressionLevel);
        }
    }
}
