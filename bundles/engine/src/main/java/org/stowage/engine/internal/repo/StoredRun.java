package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The stored bytes of a run of blobs in one pack, read with one ranged read by {@link Repository#readRun}, from
 * which each blob is decoded into a buffer of the caller.
 *
 * <p>Thread-safe: several threads may decode different blobs of one run at once (each into its own buffer); the
 * run's bytes are never changed.
 */
@FunctionalInterface
public interface StoredRun {

    /**
     * Authenticates, decrypts and decompresses {@code blob} (one of the run's blobs) into {@code out} from its
     * position, then checks its length against the index and its keyed hash against its id. On return the plaintext
     * lies between {@code out}'s old and new position. {@code out} should be direct (heap buffers take a slow
     * path) with at least {@code blob.plainLength()} bytes remaining.
     *
     * @throws org.stowage.api.repository.IntegrityException if the blob fails verification; {@code out} may then
     *         hold partial, unverified bytes, which the caller must discard
     */
    void decodeInto(PackedBlob blob, ByteBuffer out) throws IOException;
}
