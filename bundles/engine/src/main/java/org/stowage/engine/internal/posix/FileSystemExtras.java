package org.stowage.engine.internal.posix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.stowage.engine.internal.tree.Special;
import org.stowage.engine.internal.tree.Xattr;

/**
 * The file-system calls a faithful backup needs and the JDK lacks: extended attributes of any namespace (POSIX ACLs
 * are the {@code system.posix_acl_*} attributes on Linux) without following symbolic links, and creating FIFOs and
 * device nodes. {@link #platform()} gives the libc implementation where JNA and a 64-bit Linux are present, else
 * one whose every call throws {@link Unsupported}, so that callers degrade with a warning instead of failing.
 *
 * <p>Contract for every method: {@code path} is used as is, never following a symbolic link at its last element
 * (unless {@link #stat} is asked to);
 * a failure is an {@link IOException} naming the call, the path and the system's reason; a feature the platform or
 * the path's file system lacks is an {@link Unsupported} (a subclass), which callers report as "not restored" or
 * "not backed up" rather than as an error. Implementations are thread-safe.
 */
public interface FileSystemExtras {

    /** The platform's implementation, chosen once per JVM. */
    static FileSystemExtras platform() {
        return Platforms.INSTANCE;
    }

    /** One whose every call throws {@link Unsupported} with {@code reason}: the fallback, also for tests. */
    static FileSystemExtras unavailable(String reason) {
        return new Platforms.None(reason);
    }

    /** Null when the native calls are available, else why not (for one warning per operation). */
    String unavailableReason();

    /**
     * The extended attributes of {@code path} whose namespace Stowage keeps ({@link #kept}), sorted by name; empty
     * when it has none. One {@code llistxattr} call for an entry without attributes. A file system without extended
     * attributes yields an empty list, not {@link Unsupported}: there is nothing to lose.
     */
    List<Xattr> xattrs(Path path) throws IOException;

    /**
     * What one {@code stat} of {@code path} says, following a symbolic link at its last element only when
     * {@code followLinks}; the same values as the JDK's {@code unix} attribute view, from one system call.
     * {@link Unsupported} where this platform cannot (then that view serves).
     */
    FileStat stat(Path path, boolean followLinks) throws IOException;

    /** Sets one extended attribute (replacing any value it has). */
    void setXattr(Path path, Xattr xattr) throws IOException;

    /** Creates a FIFO, or a character or block device node, with permission bits {@code mode & 07777}. */
    void mknod(Path path, Special kind, int mode, int major, int minor) throws IOException;

    /**
     * Sets the permission bits (with set-user-id, set-group-id, sticky) of a special file. The JDK opens a file to
     * change its mode or times, which blocks on a FIFO and may fail or have effects on a device: special files take
     * these two calls, which do not open them.
     */
    void chmod(Path path, int mode) throws IOException;

    /** Sets the modification time of {@code path} itself (not following a link), leaving its access time. */
    void setModificationTime(Path path, long nanos) throws IOException;

    /**
     * Whether an attribute of this name is backed up: {@code user.*}, {@code trusted.*}, {@code security.*} (the
     * last two are listed only to root) and the two POSIX ACL attributes; other {@code system.*} names are file
     * system internals.
     */
    static boolean kept(String name) {
        return name.startsWith("user.") || name.startsWith("trusted.") || name.startsWith("security.")
                || name.equals(Acls.ACCESS) || name.equals(Acls.DEFAULT);
    }

    /** A feature that this platform, or the file system of a path, does not have. */
    final class Unsupported extends IOException {
        public Unsupported(String message) {
            super(message);
        }
    }

    /** The names of the POSIX ACL attributes on Linux. */
    final class Acls {
        public static final String ACCESS = "system.posix_acl_access";
        public static final String DEFAULT = "system.posix_acl_default";

        private Acls() {
        }
    }
}
