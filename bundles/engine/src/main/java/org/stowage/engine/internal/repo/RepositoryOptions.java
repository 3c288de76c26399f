package org.stowage.engine.internal.repo;

import org.stowage.engine.internal.crypto.KeyFiles;

/**
 * Parameters for {@link Repositories#init}. Chunk sizes, pack size and compression go into the repository's
 * {@link RepositoryConfig}; the scrypt cost goes into the first key file.
 *
 * @param chunkMin         smallest chunk (default 512 KiB)
 * @param chunkAvg         average chunk, a power of two (default 1 MiB)
 * @param chunkMax         largest chunk (default 4 MiB)
 * @param packSize         target pack size (default 16 MiB)
 * @param compressionLevel zstd level 1-19, 0 for none (default 3)
 * @param scryptN          scrypt cost, a power of two from 2 to 2^18 (default 2^15; tests use a small one)
 */
public record RepositoryOptions(int chunkMin, int chunkAvg, int chunkMax, int packSize, int compressionLevel,
                                int scryptN) {

    public RepositoryOptions {
        KeyFiles.checkCost(scryptN); // a key file opens only within these bounds, so none is written beyond them
    }

    public static RepositoryOptions defaults() {
        return new RepositoryOptions(512 << 10, 1 << 20, 4 << 20, 16 << 20, 3, 1 << 15);
    }

    public RepositoryOptions withChunks(int min, int avg, int max) {
        return new RepositoryOptions(min, avg, max, packSize, compressionLevel, scryptN);
    }

    public RepositoryOptions withPackSize(int bytes) {
        return new RepositoryOptions(chunkMin, chunkAvg, chunkMax, bytes, compressionLevel, scryptN);
    }

    public RepositoryOptions withCompressionLevel(int level) {
        return new RepositoryOptions(chunkMin, chunkAvg, chunkMax, packSize, level, scryptN);
    }

    public RepositoryOptions withScryptN(int n) {
        return new RepositoryOptions(chunkMin, chunkAvg, chunkMax, packSize, compressionLevel, n);
    }
}
