package org.stowage.api.repository;

import java.util.Objects;
import java.util.Set;

/**
 * A backup of one stream of bytes (a database dump, a message body, standard input) as one file of a new snapshot,
 * like restic's {@code --stdin}: the snapshot's one path is {@code /<name>}, and the file restores under that name.
 * Snapshots of the same host and name form one series for retention and parent lookup, as path backups do.
 *
 * @param name      the file's name in the snapshot: not empty, no {@code /}, not {@code .} or {@code ..}
 * @param host      the host name recorded in the snapshot; null for this host's name
 * @param tags      labels recorded in the snapshot
 * @param placement where this backup's packs go; {@link PlacementOverride#REPOSITORY} (or null) for the repository's
 *                  configuration
 * @since 1.7
 */
public record StreamBackupRequest(String name, String host, Set<String> tags, PlacementOverride placement) {

    public StreamBackupRequest {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a stream's file name must be a plain file name (no '/', not '.' or "
                    + "'..'): '" + name + "'");
        }
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        placement = placement == null ? PlacementOverride.REPOSITORY : placement;
    }

    /** The path the snapshot records for the stream: {@code /<name>}. */
    public String path() {
        return "/" + name;
    }
}
