package org.stowage.api.device;

/**
 * The namespaces of a repository's blobs. A driver may lay them out as it likes (folders, key prefixes, tape
 * files); it must keep the names of one type apart from those of another.
 */
public enum BlobType {
    /** The repository configuration (one blob). */
    CONFIG("config"),
    /** Key files: the master key wrapped by a key derived from a password. */
    KEY("keys"),
    /** Packs of encrypted chunks and trees. */
    DATA("data"),
    /** Index files: which blob is in which pack. */
    INDEX("index"),
    /** Snapshot manifests. */
    SNAPSHOT("snapshots"),
    /** Locks held by running operations. */
    LOCK("locks"),
    /**
     * Progress records of running backups (since 1.2): small, rewritten under new names as a backup goes on and
     * deleted when its snapshot is committed, like locks.
     */
    CHECKPOINT("checkpoints");

    private final String folder;

    BlobType(String folder) {
        this.folder = folder;
    }

    /** A stable, lower-case name for this type, suitable as a folder or key prefix. */
    public String folder() {
        return folder;
    }
}
