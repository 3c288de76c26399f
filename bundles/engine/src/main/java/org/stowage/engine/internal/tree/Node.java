package org.stowage.engine.internal.tree;

import java.util.List;
import java.util.Objects;

import org.stowage.engine.internal.repo.BlobId;

/**
 * One entry of a directory tree, as stored in a tree blob.
 *
 * @param name       the entry's name (one path element, never "", "." or "..", never containing '/')
 * @param type       file, directory, symlink or other
 * @param mode       POSIX permission bits (e.g. 0644), or -1 where the file system has none
 * @param mtimeNanos modification time in nanoseconds since the epoch
 * @param size       file size in bytes; 0 for others
 * @param inode      inode number, 0 if unknown (with size and mtime, decides whether a file changed)
 * @param device     device number of the file system, 0 if unknown
 * @param uid        owner, -1 if unknown
 * @param gid        group, -1 if unknown
 * @param user       the owner's name where the backup host had one for {@code uid}, else null: a restore as root
 *                   gives the file to the user of that name where the restoring host knows it, else to {@code uid}
 * @param group      the group's name, likewise for {@code gid}
 * @param content    for files: the ids of the data blobs, in order; empty otherwise
 * @param subtree    for directories: the id of the tree blob; null otherwise
 * @param linkTarget for symlinks: the target as stored; null otherwise
 * @param error      why the entry's content could not be read (the entry is kept without content), or null
 */
public record Node(String name, NodeType type, int mode, long mtimeNanos, long size, long inode, long device, int uid,
                   int gid, String user, String group, List<BlobId> content, BlobId subtree, String linkTarget,
                   String error) {

    /**
     * Validates, also when parsed from a tree blob: a violation is an {@link IllegalArgumentException} naming the
     * entry, which {@link org.stowage.engine.internal.json.Json#read} reports as an invalid tree. Names are not
     * checked here: restore refuses unsafe ones entry by entry, so the rest of the tree is still restored.
     */
    public Node {
        if (name == null || type == null) {
            throw new IllegalArgumentException("tree entry " + (name == null ? "without a name" : "'" + name
                    + "' without a type"));
        }
        if (size < 0) {
            throw new IllegalArgumentException("tree entry '" + name + "' has a negative size " + size);
        }
        if (content != null && content.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("tree entry '" + name + "' has a null content blob id");
        }
        if (linkTarget != null && linkTarget.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("tree entry '" + name + "' has a link target with a NUL character");
        }
        content = content == null ? List.of() : List.copyOf(content);
    }
}
