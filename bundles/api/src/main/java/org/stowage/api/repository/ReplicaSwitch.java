package org.stowage.api.repository;

import java.util.Objects;

/**
 * A backup from replicas left one replica for another ({@link BackupRequest#replicas()}).
 *
 * @param path   the file (or folder) being read when the replica failed, relative to the replica's root; "" for the
 *               root itself
 * @param offset where in that file the next replica continues: the end of the last chunk handed to the repository
 *               (0 for a folder or a file not started)
 * @param from   the replica that failed, as the request named it
 * @param to     the replica that continues
 * @param reason what failed on {@code from}
 * @since 1.7
 */
public record ReplicaSwitch(String path, long offset, String from, String to, String reason) {

    public ReplicaSwitch {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** One line for logs and notifications. */
    @Override
    public String toString() {
        return "replica " + from + " failed at " + (path.isEmpty() ? "its root" : path) + (offset > 0 ? " offset "
                + offset : "") + " (" + reason + "); continuing from " + to;
    }
}
