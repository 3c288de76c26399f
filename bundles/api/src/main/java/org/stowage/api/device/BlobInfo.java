package org.stowage.api.device;

import java.util.Objects;

/** A stored blob's name and size in bytes. */
public record BlobInfo(BlobName name, long size) {

    public BlobInfo {
        Objects.requireNonNull(name, "name");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for blob " + name);
        }
    }
}
