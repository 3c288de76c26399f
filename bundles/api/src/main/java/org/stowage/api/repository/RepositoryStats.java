package org.stowage.api.repository;

/**
 * Sizes of one or more snapshots, as {@link SnapshotService#stats} counts them. Both views come from one walk of
 * each distinct tree.
 *
 * <ul>
 *   <li>restore size ({@code files}, {@code dirs}, {@code restoreBytes}): what a restore of each snapshot would
 *       write, added over the snapshots: a file in three snapshots counts three times.</li>
 *   <li>raw data ({@code blobs}, {@code rawBytes}, {@code storedBytes}): the distinct data and tree blobs the
 *       snapshots reference, each once, before (plaintext) and after compression and encryption.</li>
 * </ul>
 *
 * @param snapshots    how many snapshots were counted
 * @param files        files (and other non-directories) over all of them
 * @param dirs         directories over all of them
 * @param restoreBytes bytes of file content a restore of each would write, added up
 * @param blobs        distinct blobs referenced
 * @param rawBytes     their plaintext bytes
 * @param storedBytes  the bytes they take on a device (one copy)
 * @since 1.6
 */
public record RepositoryStats(int snapshots, long files, long dirs, long restoreBytes, long blobs, long rawBytes,
                              long storedBytes) {

    /** Restore size over raw data: how many times deduplication shrinks the data; 0 when there is none. */
    public double dedupRatio() {
        return rawBytes == 0 ? 0 : (double) restoreBytes / rawBytes;
    }
}
