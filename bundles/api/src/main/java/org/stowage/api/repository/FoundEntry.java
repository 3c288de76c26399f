package org.stowage.api.repository;

import java.time.Instant;

/**
 * An entry that {@link SnapshotService#find} matched.
 *
 * @param snapshot the id of the snapshot that holds it
 * @param time     when that snapshot was taken
 * @param node     the entry
 * @since 1.6
 */
public record FoundEntry(String snapshot, Instant time, NodeInfo node) {
}
