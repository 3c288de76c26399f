package org.stowage.api.repository;

import java.time.Instant;

/**
 * One entry of a snapshot's tree.
 *
 * @param path       absolute path inside the snapshot, '/'-separated
 * @param type       file, directory, symbolic link, other, or (since 1.7) a volume of a volume snapshot
 * @param size       file or volume size in bytes (0 for others)
 * @param mode       POSIX permission bits, e.g. 0644
 * @param mtime      modification time
 * @param linkTarget the target of a symbolic link, or null
 */
public record NodeInfo(String path, Type type, long size, int mode, Instant mtime, String linkTarget) {

    /** {@code VOLUME} (since 1.7): the block image of a volume snapshot (org.stowage.api.volume). */
    public enum Type { FILE, DIR, SYMLINK, OTHER, VOLUME }
}
