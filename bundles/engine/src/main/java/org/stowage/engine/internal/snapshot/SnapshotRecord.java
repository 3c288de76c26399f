package org.stowage.engine.internal.snapshot;

/** A stored snapshot with its id. */
public record SnapshotRecord(String id, Snapshot snapshot) {
}
