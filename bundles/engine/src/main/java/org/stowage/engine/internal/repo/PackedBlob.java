package org.stowage.engine.internal.repo;

/**
 * Where a blob is stored: in which pack, at which offset, how long its stored (compressed, encrypted) form is and
 * how long its plaintext is. Restore groups these by pack and offset to read many blobs in one ranged read.
 */
public record PackedBlob(BlobKind kind, BlobId id, String packId, long offset, int storedLength,
                         int plainLength) {
}
