package org.stowage.engine.internal.posix;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * {@code statx(2)} into a {@link FileStat}: one system call and a few reads of its buffer, where the JDK's
 * {@code unix} attribute view parses the attribute names, fills a map with a boxed value per attribute and asks for
 * the file's type once per type. That view's code was the largest single item the JIT compiled during a JVM's first
 * backup (JFR compile events of the benchmark: ~0.8 of ~2.9 s of C2 time below reading the metadata of an entry;
 * docs/design.md, "Reading an entry's metadata"). {@code struct statx} has one layout on every architecture, unlike
 * {@code struct stat}. Stateless.
 */
final class NativeStat {

    /** The size of {@code struct statx}. */
    static final int BUFFER_BYTES = 256;
    /** Do not mount an automount point below the path: what {@code lstat} and {@code stat} do. */
    private static final int AT_NO_AUTOMOUNT = 0x800;
    /** type, mode, nlink, uid, gid, mtime, ino, size: what a node records ({@code STATX_*} bits). */
    private static final int NEEDED = 0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x40 | 0x100 | 0x200;

    private NativeStat() {
    }

    /** Null where {@code statx} works in this process, else why not (no symbol, or a kernel or sandbox refusing). */
    static String probe() {
        try (Memory buffer = new Memory(BUFFER_BYTES)) {
            if (call(new byte[]{'/', 0}, true, buffer) != 0) {
                int errno = Native.getLastError();
                return "statx refused (" + Libc.strerror(errno) + ", errno " + errno + ")";
            }
            return null;
        } catch (LinkageError e) {
            return "this C library has no statx (glibc before 2.28?): " + e;
        }
    }

    /** Calls {@code statx} on {@code path} (NUL-terminated) into {@code buffer}; 0, or -1 with errno set. */
    static int call(byte[] path, boolean followLinks, Pointer buffer) {
        int flags = AT_NO_AUTOMOUNT | (followLinks ? 0 : LibcExtras.AT_SYMLINK_NOFOLLOW);
        return Libc.Statx.statx(LibcExtras.AT_FDCWD, path, flags, NEEDED, buffer);
    }

    /** The stat in {@code buffer} after a successful {@link #call}; null when the kernel left a needed field out. */
    static FileStat read(Pointer buffer) {
        if ((buffer.getInt(0) & NEEDED) != NEEDED) {
            return null;
        }
        long mtimeNanos = buffer.getLong(0x70) * 1_000_000_000L + Integer.toUnsignedLong(buffer.getInt(0x78));
        return new FileStat(buffer.getShort(0x1c) & 0xffff, buffer.getLong(0x28), mtimeNanos, buffer.getLong(0x20),
                LibcExtras.makedev(unsigned(buffer, 0x88), unsigned(buffer, 0x8c)), buffer.getInt(0x14),
                buffer.getInt(0x18), buffer.getInt(0x10),
                LibcExtras.makedev(unsigned(buffer, 0x80), unsigned(buffer, 0x84)));
    }

    private static long unsigned(Pointer buffer, long offset) {
        return Integer.toUnsignedLong(buffer.getInt(offset));
    }
}
