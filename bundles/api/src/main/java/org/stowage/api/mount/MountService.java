package org.stowage.api.mount;

import java.nio.file.Path;
import java.util.List;

import org.stowage.api.repository.StowageException;

/**
 * Mounts read-only views of the repository's snapshots. Every mount is unmounted when the service goes away (its
 * bundle stops), so none outlives the process that serves it. Thread-safe.
 */
public interface MountService {

    /**
     * Mounts the snapshots at {@code mountpoint}, an existing empty folder, and returns once the view answers.
     *
     * @param owner who asks, shown by {@link #mounts()}
     * @throws StowageException if the folder does not exist, is not empty, is already a mount, or FUSE is not
     *                          available here (the message says what to install or change)
     */
    MountInfo mount(Path mountpoint, String owner);

    /**
     * Unmounts the view at {@code mountpoint}; programs that still have files open there get errors from then on.
     *
     * @return false if nothing of this service was mounted there
     */
    boolean unmount(Path mountpoint);

    /** The views mounted now, oldest first. */
    List<MountInfo> mounts();
}
