package org.stowage.engine.internal.tree;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;

import org.stowage.engine.internal.repo.BlobId;

/**
 * One entry of a directory tree, as stored in a tree blob (docs/design.md §14). The fields after {@code error} came
 * with tree format 2; each is null where it does not apply (and then absent from the JSON), which is also what a
 * format-1 tree reads as.
 *
 * @param name       the entry's name (one path element, never "", "." or "..", never containing '/'); when the
 *                   name's bytes are not valid UTF-8, their lossy decoding (U+FFFD for each bad sequence), and the
 *                   bytes themselves are in {@code rawName}
 * @param type       file, directory, symlink or other
 * @param mode       POSIX permission bits with set-user-id, set-group-id and sticky (e.g. 04755), or -1 where the
 *                   file system has none
 * @param mtimeNanos modification time in nanoseconds since the epoch
 * @param size       file size in bytes; 0 for others
 * @param inode      inode number, 0 if unknown (with size and mtime, decides whether a file changed)
 * @param device     device number of the file system, 0 if unknown
 * @param uid        owner, -1 if unknown
 * @param gid        group, -1 if unknown
 * @param user       the owner's name where the backup host had one for {@code uid}, else null: a restore as root
 *                   gives the file to the user of that name where the restoring host knows it, else to {@code uid}
 * @param group      the group's name, likewise for {@code gid}
 * @param content    for files: the ids of the data blobs, in order; empty otherwise. Every name of a hard-linked
 *                   file carries the content, so that any subset of a snapshot restores
 * @param subtree    for directories: the id of the tree blob; for volumes: the head of the block-state record;
 *                   null otherwise
 * @param linkTarget for symlinks: the target as stored; null otherwise
 * @param error      why the entry's content could not be read (the entry is kept without content), or null
 * @param rawName    the name's exact bytes (base64) when they are not the UTF-8 encoding of {@code name}, else null
 * @param links      the number of hard links of a non-directory (st_nlink) when above 1, else null: entries with the
 *                   same {@code device} and {@code inode} are one file, restored as hard links of each other
 * @param special    for {@link NodeType#OTHER}: what kind of special file; null in format-1 trees
 * @param major      for device nodes: the major device number, else null
 * @param minor      for device nodes: the minor device number, else null
 * @param xattrs     extended attributes sorted by name, POSIX ACLs among them; null when there are none
 * @param served     for a file of a backup from replicas: which replica served which byte range, in offset order
 *                   (one entry unless the backup switched replicas inside this file); null otherwise. Provenance
 *                   only: restore ignores it (docs/design.md §14a)
 */
public record Node(String name, NodeType type, int mode, long mtimeNanos, long size, long inode, long device, int uid,
                   int gid, String user, String group, List<BlobId> content, BlobId subtree, String linkTarget,
                   String error, String rawName, Integer links, Special special, Integer major, Integer minor,
                   List<Xattr> xattrs, List<Served> served) {

    /**
     * Validates, also when parsed from a tree blob: a violation is an {@link IllegalArgumentException} naming the
     * entry, which {@link org.stowage.engine.internal.json.Json#read} reports as an invalid tree. Names are not
     * checked here: restore refuses unsafe ones entry by entry, so the rest of the tree is still restored.
     */
    @JsonCreator
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
        if (xattrs != null && xattrs.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("tree entry '" + name + "' has a null extended attribute");
        }
        content = content == null ? List.of() : List.copyOf(content);
        links = links == null || links <= 1 || type == NodeType.DIR ? null : links;
        xattrs = xattrs == null || xattrs.isEmpty() ? null
                : xattrs.stream().sorted(Comparator.comparing(Xattr::name)).toList();
        if (served != null && (served.isEmpty() || served.stream().anyMatch(Objects::isNull))) {
            throw new IllegalArgumentException("tree entry '" + name + "' has an empty or null replica range");
        }
        served = served == null ? null : List.copyOf(served);
    }

    /** An entry of no backup from replicas (tree format 2). */
    public Node(String name, NodeType type, int mode, long mtimeNanos, long size, long inode, long device, int uid,
                int gid, String user, String group, List<BlobId> content, BlobId subtree, String linkTarget,
                String error, String rawName, Integer links, Special special, Integer major, Integer minor,
                List<Xattr> xattrs) {
        this(name, type, mode, mtimeNanos, size, inode, device, uid, gid, user, group, content, subtree, linkTarget,
                error, rawName, links, special, major, minor, xattrs, null);
    }

    /** An entry without the format-2 fields (what a format-1 tree holds). */
    public Node(String name, NodeType type, int mode, long mtimeNanos, long size, long inode, long device, int uid,
                int gid, String user, String group, List<BlobId> content, BlobId subtree, String linkTarget,
                String error) {
        this(name, type, mode, mtimeNanos, size, inode, device, uid, gid, user, group, content, subtree, linkTarget,
                error, null, null, null, null, null, null, null);
    }

    /** Whether other entries may be the same file: a hard-linked non-directory with a known inode. */
    public boolean hardLinked() {
        return links != null && inode != 0;
    }

    /** This entry with {@code newName} (and no raw name); everything else kept. */
    public Node renamed(String newName, String newRawName) {
        return new Node(newName, type, mode, mtimeNanos, size, inode, device, uid, gid, user, group, content, subtree,
                linkTarget, error, newRawName, links, special, major, minor, xattrs, served);
    }

    /** This entry with the replica ranges that served its content. */
    public Node withServed(List<Served> ranges) {
        return new Node(name, type, mode, mtimeNanos, size, inode, device, uid, gid, user, group, content, subtree,
                linkTarget, error, rawName, links, special, major, minor, xattrs, ranges);
    }

    /**
     * Unique within a tree: the name, or for a name that is not valid UTF-8 its raw bytes (two such names may decode
     * to the same lossy string). Starts with NUL in the raw case, which no name holds.
     */
    public String key() {
        return key(name, rawName);
    }

    public static String key(String name, String rawName) {
        return rawName == null ? name : "\0" + rawName;
    }
}
