package org.stowage.api.repository;

import java.time.Duration;

/**
 * What a copy (or move) did.
 *
 * @param packs         packs the snapshots reference
 * @param copiesMade    copies written to the target devices
 * @param bytesCopied   bytes written to the target devices
 * @param copiesRemoved copies removed from other devices (a move)
 * @param duration      wall time
 * @since 1.4
 */
public record CopyResult(long packs, long copiesMade, long bytesCopied, long copiesRemoved, Duration duration) {
}
