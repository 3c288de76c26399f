package org.stowage.api.volume;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.stowage.api.repository.ProgressListener;

/**
 * Volumes: list, query, export over NBD, back up, restore. Thread-safe; one backup per volume at a time.
 * Failures are {@link org.stowage.api.repository.StowageException}s naming the volume and what to do.
 */
public interface VolumeService {

    List<VolumeInfo> volumes();

    /** The block-state record of the volume's latest snapshot merged with its tracking on this host. */
    VolumeBlocks blocks(String volume);

    /**
     * Exports the volume over NBD at its configured address (default 127.0.0.1:10809) and starts tracking its
     * writes; returns {@code host:port/name}. Idempotent.
     */
    String export(String volume);

    /** Ends the export: connections are closed and the tracking is made durable. Idempotent. */
    void unexport(String volume);

    /**
     * Backs the volume up: {@code full} reads every block; otherwise only the dirty blocks of a tracked volume, or
     * every block compared by hash with the previous record.
     */
    VolumeBackupResult backup(String volume, boolean full, Set<String> tags, ProgressListener listener);

    /**
     * Restores the volume's image at {@code snapshot} ({@code latest} or an id prefix of one of its snapshots) to
     * {@code target}: a new file, or an existing image or block device, of which only differing blocks are written.
     * Refused while the target is an exported volume.
     *
     * @return blocks written and blocks the target already held, as {@code [written, equal]}
     */
    long[] restore(String volume, String snapshot, Path target);
}
