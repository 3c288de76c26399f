package org.stowage.api.repository;

import java.time.Duration;

/**
 * What one backup did.
 *
 * @param filesNew        files not in the parent snapshot
 * @param filesChanged    files in the parent that changed
 * @param filesUnmodified files reused from the parent without reading
 * @param dirs            directories processed
 * @param bytesProcessed  bytes of file content in the snapshot
 * @param blobsAdded      new blobs stored (chunks and trees)
 * @param bytesAdded      plaintext bytes of the new blobs
 * @param bytesStored     bytes the new blobs take on the device (compressed and encrypted)
 * @param errors          items that could not be read and were skipped
 * @param duration        wall time of the backup
 */
public record SnapshotStats(long filesNew, long filesChanged, long filesUnmodified, long dirs, long bytesProcessed,
                            long blobsAdded, long bytesAdded, long bytesStored, long errors, Duration duration) {
}
