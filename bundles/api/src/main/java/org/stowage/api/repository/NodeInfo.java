package org.stowage.api.repository;

import java.time.Instant;

/**
 * One entry of a snapshot's tree.
 *
 * @param path       absolute path inside the snapshot, '/'-separated
 * @param type       file, directory, symbolic link or other
 * @param size       file size in bytes (0 for others)
 * @param mode       POSIX permission bits, e.g. 0644
 * @param mtime      modification time
 * @param linkTarget the target of a symbolic link, or null
 */
public record NodeInfo(String path, Type type, long size, int mode, Instant mtime, String linkTarget) {

    public enum Type { FILE, DIR, SYMLINK, OTHER }
}
