package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.stowage.engine.internal.posix.FileStat;
import org.stowage.engine.internal.posix.FileStats;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Special;
import org.stowage.engine.internal.tree.Xattr;

/**
 * The metadata of one source entry, read without following symbolic links: by {@link FileStats} (one native
 * {@code statx} where the platform has it, else the JDK's {@code unix} attribute view: mode, inode, device, owner and
 * its names, link count, kind and numbers of a special file), else from the basic (and POSIX) views. Extended
 * attributes are added by the walker ({@link #withXattrs}), not here: the scanner and the selection read metadata
 * too, and need none. Immutable.
 */
record SourceMeta(NodeType type, int mode, long mtimeNanos, long size, long inode, long device, int uid, int gid,
                  String user, String group, int links, Special special, int major, int minor, List<Xattr> xattrs) {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final LinkOption[] FOLLOW = {};

    static SourceMeta read(Path path, OwnerNames names) throws IOException {
        return read(path, names, false);
    }

    /** Reads following links: for the directories above a backed-up path, which must be directories. */
    static SourceMeta readFollowing(Path path, OwnerNames names) throws IOException {
        return read(path, names, true);
    }

    private static SourceMeta read(Path path, OwnerNames names, boolean follow) throws IOException {
        LinkOption[] options = follow ? FOLLOW : NOFOLLOW;
        try {
            return of(FileStats.PLATFORM.read(path, follow), path, names, options);
        } catch (UnsupportedOperationException e) {
            return readBasic(path, options);
        }
    }

    private static SourceMeta of(FileStat stat, Path path, OwnerNames names, LinkOption[] options) {
        NodeType type = type(stat.isRegularFile(), stat.isDirectory(), stat.isSymbolicLink());
        int uid = stat.uid();
        int gid = stat.gid();
        names.learn(path, uid, gid, options);
        Special special = type == NodeType.OTHER ? Special.ofMode(stat.mode()) : null;
        long rdev = special != null && special.isDevice() ? stat.rdev() : 0;
        return new SourceMeta(type, stat.mode() & 07777, stat.mtimeNanos(), type == NodeType.FILE ? stat.size() : 0,
                stat.inode(), stat.device(), uid, gid, names.user(uid), names.group(gid), stat.links(), special,
                major(rdev), minor(rdev), null);
    }

    private static SourceMeta readBasic(Path path, LinkOption[] options) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, options);
        int mode = -1;
        try {
            mode = permissions(Files.readAttributes(path, PosixFileAttributes.class, options).permissions());
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions on this file system: mode stays -1, as the Node contract allows
        }
        NodeType type = type(basic.isRegularFile(), basic.isDirectory(), basic.isSymbolicLink());
        return new SourceMeta(type, mode, nanos(basic.lastModifiedTime()), type == NodeType.FILE ? basic.size() : 0,
                0, 0, -1, -1, null, null, 1, null, 0, 0, null);
    }

    /** A plain folder (0755, no owner, modified at {@code time}): a directory above a logical path. */
    static SourceMeta folder(java.time.Instant time) {
        long nanos = TimeUnit.SECONDS.toNanos(time.getEpochSecond()) + time.getNano();
        return new SourceMeta(NodeType.DIR, 0755, nanos, 0, 0, 0, -1, -1, null, null, 1, null, 0, 0, null);
    }

    /** The node of this entry; {@code rawName} is the name's bytes where {@code name} is not faithful, else null. */
    Node node(String name, String rawName, List<BlobId> content, BlobId subtree, String linkTarget, String error) {
        boolean device = special != null && special.isDevice();
        return new Node(name, type, mode, mtimeNanos, size, inode, this.device, uid, gid, user, group, content,
                subtree, linkTarget, error, rawName, type == NodeType.DIR ? null : links, special,
                device ? major : null, device ? minor : null, xattrs);
    }

    Node node(String name, List<BlobId> content, BlobId subtree, String linkTarget, String error) {
        return node(name, null, content, subtree, linkTarget, error);
    }

    SourceMeta withSize(long newSize) {
        return new SourceMeta(type, mode, mtimeNanos, newSize, inode, device, uid, gid, user, group, links, special,
                major, minor, xattrs);
    }

    SourceMeta withXattrs(List<Xattr> attributes) {
        return new SourceMeta(type, mode, mtimeNanos, size, inode, device, uid, gid, user, group, links, special,
                major, minor, attributes.isEmpty() ? null : attributes);
    }

    /** glibc's {@code gnu_dev_major} of a {@code dev_t}. */
    static int major(long rdev) {
        return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & 0xfffff000L));
    }

    /** glibc's {@code gnu_dev_minor} of a {@code dev_t}. */
    static int minor(long rdev) {
        return (int) ((rdev & 0xff) | ((rdev >>> 12) & 0xffffff00L));
    }

    private static NodeType type(boolean file, boolean dir, boolean link) {
        return file ? NodeType.FILE : dir ? NodeType.DIR : link ? NodeType.SYMLINK : NodeType.OTHER;
    }

    private static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    private static int permissions(java.util.Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
