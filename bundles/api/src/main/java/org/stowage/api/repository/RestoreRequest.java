package org.stowage.api.repository;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to restore.
 *
 * @param snapshot a snapshot id, unique prefix, or {@code latest}
 * @param target   the directory to restore into; created if missing
 * @param includes paths inside the snapshot to restore (with everything below them); empty for all
 */
public record RestoreRequest(String snapshot, Path target, List<String> includes) {

    public RestoreRequest {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(target, "target");
        includes = includes == null ? List.of() : List.copyOf(includes);
    }
}
