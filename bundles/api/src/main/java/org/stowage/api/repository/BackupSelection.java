package org.stowage.api.repository;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Which entries below a backup's paths are left out, and where more paths come from. The paths a request names
 * (and those {@code filesFrom} lists) are always backed up; the selection applies to what lies below them.
 * Pattern syntax and order: docs/selection.md.
 *
 * @param exclude           gitignore-style patterns ({@code *.tmp}, {@code /home/u/.cache/}, {@code **}{@code /build},
 *                          {@code !keep.log}); the last pattern that matches an entry decides
 * @param iexclude          the same, matched without regard to case; they come after {@code exclude}
 * @param excludeFiles      files of patterns, one per line ({@code #} comments and blank lines ignored); their
 *                          patterns come before {@code exclude}
 * @param excludeCaches     leave out the content of folders tagged as caches (a {@code CACHEDIR.TAG} file with the
 *                          Cache Directory Tagging signature); the folder and its tag file are kept
 * @param excludeIfPresent  leave out every folder that holds a file of one of these names
 * @param excludeLargerThan leave out files of more bytes than this; 0 for no limit
 * @param oneFileSystem     do not descend into folders on another file system than their parent (mount points are
 *                          kept as empty folders)
 * @param filesFrom         a file listing more absolute paths to back up, one per line; null for none
 * @since 1.5
 */
public record BackupSelection(List<String> exclude, List<String> iexclude, List<Path> excludeFiles,
                              boolean excludeCaches, List<String> excludeIfPresent, long excludeLargerThan,
                              boolean oneFileSystem, Path filesFrom) {

    /** Everything below the backup's paths. */
    public static final BackupSelection EVERYTHING = new BackupSelection(List.of(), List.of(), List.of(), false,
            List.of(), 0, false, null);

    public BackupSelection {
        exclude = List.copyOf(Objects.requireNonNull(exclude, "exclude"));
        iexclude = List.copyOf(Objects.requireNonNull(iexclude, "iexclude"));
        excludeFiles = List.copyOf(Objects.requireNonNull(excludeFiles, "excludeFiles"));
        excludeIfPresent = List.copyOf(Objects.requireNonNull(excludeIfPresent, "excludeIfPresent"));
        if (excludeLargerThan < 0) {
            throw new IllegalArgumentException("excludeLargerThan must be 0 (no limit) or more bytes: "
                    + excludeLargerThan);
        }
        for (String name : excludeIfPresent) {
            if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("excludeIfPresent takes file names without '/': '" + name + "'");
            }
        }
    }

    /** Whether this leaves nothing out and adds no paths. */
    public boolean isEverything() {
        return equals(EVERYTHING);
    }
}
