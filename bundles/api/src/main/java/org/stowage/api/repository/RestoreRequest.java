package org.stowage.api.repository;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to restore.
 *
 * @param snapshot  a snapshot id, unique prefix, or {@code latest}
 * @param target    the directory to restore into; created if missing
 * @param includes  paths inside the snapshot to restore (with everything below them); empty for all
 * @param excludes  patterns (the selection syntax of docs/selection.md, matched against the path inside the
 *                  snapshot, last match decides) of entries not to restore; an excluded directory is not entered
 *                  (since 1.6)
 * @param overwrite what to do with an entry that already exists in the target (since 1.6)
 * @param verify    whether each restored file is read back and compared with the snapshot's content ids; a
 *                  mismatch is a failure (since 1.6)
 * @param sparse    whether all-zero blocks of files are left unwritten, as holes, so that sparse files (disk
 *                  images, databases) take no more room than they did; safe everywhere (a file system without holes
 *                  reads them as zeros all the same). Off, every byte is written, e.g. to preallocate (since 1.7)
 */
public record RestoreRequest(String snapshot, Path target, List<String> includes, List<String> excludes,
                             Overwrite overwrite, boolean verify, boolean sparse) {

    /**
     * What a restore does where the target already has an entry of the same name. Directories are always merged
     * into: the rule applies to files, symbolic links and special files.
     *
     * @since 1.6
     */
    public enum Overwrite {
        /** Replace it (atomically, by a rename). The behaviour before 1.6. */
        ALWAYS,
        /**
         * Replace it unless it is a regular file of the same size and modification time (to the nanosecond where
         * the file system keeps them) as the snapshot's, as rsync's quick check does: the content is not read.
         */
        IF_CHANGED,
        /** Keep it; the snapshot's entry is skipped. */
        NEVER
    }

    public RestoreRequest {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(target, "target");
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        overwrite = overwrite == null ? Overwrite.ALWAYS : overwrite;
    }

    /** A sparse restore: the request before 1.7. */
    public RestoreRequest(String snapshot, Path target, List<String> includes, List<String> excludes,
                          Overwrite overwrite, boolean verify) {
        this(snapshot, target, includes, excludes, overwrite, verify, true);
    }

    /** Everything (or the includes), replacing what exists, without reading back: the request before 1.6. */
    public RestoreRequest(String snapshot, Path target, List<String> includes) {
        this(snapshot, target, includes, List.of(), Overwrite.ALWAYS, false);
    }
}
