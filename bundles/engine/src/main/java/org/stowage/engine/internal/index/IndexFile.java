package org.stowage.engine.internal.index;

import java.util.List;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;

/**
 * The JSON content of an index file (stored encrypted, {@link org.stowage.engine.internal.crypto.Domain#INDEX}):
 * packs with their size, the devices that hold a copy (format 2; absent in format 1, whose packs were all on the
 * one device of the repository) and the location of each of their blobs.
 */
public record IndexFile(int version, List<Pack> packs) {

    /** The format this version writes. */
    public static final int VERSION = 2;

    public record Pack(String id, long size, List<String> devices, List<Blob> blobs) {
    }

    public record Blob(BlobKind kind, BlobId id, long offset, int storedLength, int plainLength) {
    }
}
