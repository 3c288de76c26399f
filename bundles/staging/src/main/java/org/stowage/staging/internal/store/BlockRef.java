package org.stowage.staging.internal.store;

/** A block of a staged object: its content id and where its record lies. */
record BlockRef(BlockId id, BlockLocation location) {
}
