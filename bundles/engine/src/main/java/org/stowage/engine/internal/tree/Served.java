package org.stowage.engine.internal.tree;

/**
 * A byte range of a file and the replica that served it, in a backup from replicas: from {@code from} to the next
 * range's {@code from} (or the file's end). The replica is an index into the snapshot's
 * {@link org.stowage.engine.internal.snapshot.SnapshotReplicas#roots()}.
 */
public record Served(int replica, long from) {

    public Served {
        if (replica < 0 || from < 0) {
            throw new IllegalArgumentException("replica range " + replica + "@" + from + " is negative");
        }
    }
}
