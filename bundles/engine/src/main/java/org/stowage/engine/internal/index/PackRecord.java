package org.stowage.engine.internal.index;

import java.util.List;

import org.stowage.engine.internal.repo.PackedBlob;

/** A pack as the index knows it: its id, its size on the device and its blobs. */
public record PackRecord(String id, long size, List<PackedBlob> blobs) {

    public PackRecord {
        blobs = List.copyOf(blobs);
    }
}
