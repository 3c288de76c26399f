package org.stowage.engine.internal.archiver;

import java.time.Duration;

import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.volume.BlockMap;

/**
 * What a volume backup did.
 *
 * @param snapshot     the committed snapshot
 * @param record       its block-state record
 * @param blocksRead   blocks read from the volume (all of them, or a tracked backup's dirty ones)
 * @param bytesRead    their bytes
 * @param blobsAdded   blobs new to the repository: changed blocks, record pages, the root tree
 * @param bytesStored  their stored (compressed, encrypted) bytes
 * @param duration     how long it took
 */
public record VolumeBackupResult(SnapshotRecord snapshot, BlockMap record, long blocksRead, long bytesRead,
                                 long blobsAdded, long bytesStored, Duration duration) {
}
