package org.stowage.engine.internal.posix;

/**
 * What one {@code stat} of an entry says, as the JDK's {@code unix} attribute view names it: {@code mode} is the
 * whole {@code st_mode} (file type bits and permission bits), {@code device} and {@code rdev} are {@code dev_t}
 * values in glibc's encoding ({@code gnu_dev_makedev}), as {@code unix:dev} and {@code unix:rdev} report them, and
 * the modification time is in nanoseconds since the epoch. Immutable.
 */
public record FileStat(int mode, long size, long mtimeNanos, long inode, long device, int uid, int gid, int links,
                       long rdev) {

    private static final int TYPE_BITS = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int SYMBOLIC_LINK = 0120000;

    public boolean isRegularFile() {
        return (mode & TYPE_BITS) == REGULAR;
    }

    public boolean isDirectory() {
        return (mode & TYPE_BITS) == DIRECTORY;
    }

    public boolean isSymbolicLink() {
        return (mode & TYPE_BITS) == SYMBOLIC_LINK;
    }
}
