package org.stowage.api.device;

import java.util.Optional;

/**
 * Optional interface of sequential devices (tape): tells where a blob lies, so that a caller reading many blobs can
 * read them in medium order and spare the device locates, rewinds and cartridge changes. Implemented by a driver's
 * device service next to {@link Device}; callers check with {@code instanceof}. Thread-safe.
 */
public interface PositionedDevice {

    /**
     * Where {@code name} lies, from the device's own catalog: cheap, without touching the medium (no load, no
     * locate). Empty if the blob is not stored (or was forgotten).
     */
    Optional<MediaPosition> position(BlobName name);
}
