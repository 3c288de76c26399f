package org.stowage.engine.internal.snapshot;

import java.util.List;

/**
 * The selection a snapshot was made with, as stored in its manifest (field {@code selection}, absent in snapshots
 * that back up everything below their paths, and in those written before it existed). The exclude files' patterns
 * are recorded as they were read, so the snapshot says what was left out even after the files change. Patterns
 * apply in this order, the last match deciding: the exclude files' (in order), {@code exclude}, {@code iexclude}.
 *
 * @param exclude           the patterns given directly
 * @param iexclude          the patterns matched without regard to case
 * @param excludeFiles      each exclude file with the patterns it held
 * @param excludeCaches     whether folders tagged CACHEDIR.TAG were emptied (but for the tag)
 * @param excludeIfPresent  names whose presence left a folder out
 * @param excludeLargerThan files above this many bytes were left out; 0 for no limit
 * @param oneFileSystem     whether the walk stayed on the file system of each backed-up path
 * @param filesFrom         the file that listed more paths, or null
 */
public record SnapshotSelection(List<String> exclude, List<String> iexclude, List<ExcludeFile> excludeFiles,
                                boolean excludeCaches, List<String> excludeIfPresent, long excludeLargerThan,
                                boolean oneFileSystem, String filesFrom) {

    /** An exclude file and the patterns read from it. */
    public record ExcludeFile(String path, List<String> patterns) {

        public ExcludeFile {
            patterns = patterns == null ? List.of() : List.copyOf(patterns);
        }
    }

    public SnapshotSelection {
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        iexclude = iexclude == null ? List.of() : List.copyOf(iexclude);
        excludeFiles = excludeFiles == null ? List.of() : List.copyOf(excludeFiles);
        excludeIfPresent = excludeIfPresent == null ? List.of() : List.copyOf(excludeIfPresent);
    }
}
