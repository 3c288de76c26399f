package org.stowage.api.repository;

import java.util.List;

/**
 * Copies or moves the data of snapshots between the repository's devices, like the copy and migration jobs of
 * tape-oriented backup systems: an offsite copy of last night's backup, or old snapshots moved from disk to tape.
 *
 * @since 1.4
 */
public interface CopyService {

    /**
     * Gives every pack the listed snapshots reference a copy on each of {@code toDevices} (a pack already there is
     * left alone). Each new copy is read from an intact existing copy, verified against its name, written, and
     * recorded in the index before the next step.
     *
     * @param snapshots ids, unique prefixes or {@code latest}; at least one
     * @param toDevices ids of the repository's devices to copy to; at least one
     * @param move      also remove the copies on every other device once the new copies are durable and indexed
     *                  (the packs are then only on {@code toDevices}); takes the repository's lock exclusively
     * @throws SnapshotNotFoundException if a snapshot does not exist
     * @throws StowageException          if a device is not the repository's or not online, naming it
     */
    CopyResult copy(List<String> snapshots, List<String> toDevices, boolean move, ProgressListener listener);
}
