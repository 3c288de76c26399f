package org.stowage.api.volume;

import java.time.Duration;

/**
 * What a volume backup did.
 *
 * @param snapshot    the new snapshot's id
 * @param mode        {@code full} (every block read, nothing compared), {@code hash} (every block read and compared
 *                    with the previous record) or {@code tracked} (only the blocks the tracking calls dirty read)
 * @param blocksRead  blocks read from the volume
 * @param bytesRead   their bytes
 * @param volumeSize  bytes of the volume
 * @param blobsAdded  blobs new to the repository (changed blocks, record pages, the root tree)
 * @param bytesStored their stored bytes
 * @param duration    how long it took
 */
public record VolumeBackupResult(String snapshot, String mode, long blocksRead, long bytesRead, long volumeSize,
                                 long blobsAdded, long bytesStored, Duration duration) {
}
