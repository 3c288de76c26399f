package org.stowage.api.repository;

import java.time.Duration;

/**
 * What a prune did (or would do, in a dry run).
 *
 * @param packsDeleted  packs deleted outright, all of their blobs unreferenced
 * @param packsRepacked packs whose still-referenced blobs were copied into new packs before deletion
 * @param blobsRemoved  unreferenced blobs removed
 * @param bytesFreed    device bytes freed
 * @param dryRun        nothing was changed
 * @param duration      wall time
 */
public record PruneResult(long packsDeleted, long packsRepacked, long blobsRemoved, long bytesFreed, boolean dryRun,
                          Duration duration) {
}
