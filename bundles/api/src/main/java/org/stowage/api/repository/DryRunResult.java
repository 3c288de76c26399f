package org.stowage.api.repository;

/**
 * What a backup would store, counted by {@link BackupService#dryRun} without storing anything.
 *
 * @param files  regular files
 * @param dirs   folders, the backed-up paths' own included
 * @param others symbolic links, FIFOs, device nodes and sockets
 * @param bytes  the regular files' size in bytes (before deduplication and compression)
 * @param errors entries that could not be read (reported as warnings)
 * @since 1.5
 */
public record DryRunResult(long files, long dirs, long others, long bytes, long errors) {
}
