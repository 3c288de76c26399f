package org.stowage.engine.internal.index;

import java.util.List;

import org.stowage.engine.internal.repo.PackedBlob;

/**
 * A pack as the index knows it: its id, its size on the device, the devices that hold a copy (empty when unknown:
 * index files of format 1 name none, and the devices' listings tell) and its blobs.
 */
public record PackRecord(String id, long size, List<String> devices, List<PackedBlob> blobs) {

    public PackRecord {
        devices = List.copyOf(devices);
        blobs = List.copyOf(blobs);
    }
}
