package org.stowage.engine.internal.index;

import java.util.List;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;

/**
 * The JSON content of an index file (stored encrypted, {@link org.stowage.engine.internal.crypto.Domain#INDEX}):
 * packs with their size and the location of each of their blobs.
 */
public record IndexFile(int version, List<Pack> packs) {

    public record Pack(String id, long size, List<Blob> blobs) {
    }

    public record Blob(BlobKind kind, BlobId id, long offset, int storedLength, int plainLength) {
    }
}
