package org.stowage.api.repository;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to back up.
 *
 * @param paths  files or directories to back up; at least one, each must exist
 * @param host   the host name recorded in the snapshot; null for this host's name
 * @param tags   labels recorded in the snapshot (e.g. the job name)
 * @param parent    the snapshot whose unchanged files are reused without reading them; null picks the latest
 *                  snapshot of the same host and paths, {@code "none"} forces every file to be read
 * @param placement where this backup's packs go; {@link PlacementOverride#REPOSITORY} (or null) for the repository's
 *                  configuration (since 1.4)
 * @param selection what below the paths is left out, and a file of more paths; {@link BackupSelection#EVERYTHING}
 *                  (or null) for everything (since 1.5)
 * @param replicas  where the one path of {@code paths} is mounted: the same tree at several places (e.g.
 *                  {@code /mnt/a/data}, {@code /mnt/b/data}), in order of preference. Empty (or null) for an ordinary
 *                  backup. With replicas, {@code paths} holds exactly one path, the logical path the snapshot records
 *                  (it need not exist on this host), each file is read from one replica, and a replica that fails is
 *                  left for the next one, which continues where the first stopped (since 1.7)
 */
public record BackupRequest(List<Path> paths, String host, Set<String> tags, String parent, PlacementOverride placement,
                            BackupSelection selection, List<Path> replicas) {

    public BackupRequest {
        Objects.requireNonNull(paths, "paths");
        selection = selection == null ? BackupSelection.EVERYTHING : selection;
        if (paths.isEmpty() && selection.filesFrom() == null) {
            throw new IllegalArgumentException("a backup needs at least one path, or a file that lists them");
        }
        paths = List.copyOf(paths);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        placement = placement == null ? PlacementOverride.REPOSITORY : placement;
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
        if (!replicas.isEmpty() && (paths.size() != 1 || selection.filesFrom() != null)) {
            throw new IllegalArgumentException("a backup from replicas needs exactly one path, the logical path its"
                    + " snapshot records, and no files-from list: " + paths);
        }
    }

    /** Without replicas (the shape before 1.7). */
    public BackupRequest(List<Path> paths, String host, Set<String> tags, String parent, PlacementOverride placement,
                         BackupSelection selection) {
        this(paths, host, tags, parent, placement, selection, List.of());
    }

    /** A backup of the tree mounted at every one of {@code replicas}, recorded as {@code logicalPath}. */
    public static BackupRequest ofReplicas(Path logicalPath, List<Path> replicas) {
        return new BackupRequest(List.of(logicalPath), null, Set.of(), null, PlacementOverride.REPOSITORY,
                BackupSelection.EVERYTHING, replicas);
    }

    public boolean hasReplicas() {
        return !replicas.isEmpty();
    }

    /** Everything below the paths. */
    public BackupRequest(List<Path> paths, String host, Set<String> tags, String parent, PlacementOverride placement) {
        this(paths, host, tags, parent, placement, BackupSelection.EVERYTHING);
    }

    /** With the repository's placement. */
    public BackupRequest(List<Path> paths, String host, Set<String> tags, String parent) {
        this(paths, host, tags, parent, PlacementOverride.REPOSITORY, BackupSelection.EVERYTHING);
    }

    public static BackupRequest of(Path... paths) {
        return new BackupRequest(List.of(paths), null, Set.of(), null, PlacementOverride.REPOSITORY,
                BackupSelection.EVERYTHING);
    }
}
