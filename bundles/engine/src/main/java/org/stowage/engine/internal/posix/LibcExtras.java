package org.stowage.engine.internal.posix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import org.stowage.engine.internal.tree.Special;
import org.stowage.engine.internal.tree.Xattr;

/**
 * {@link FileSystemExtras} on Linux libc through JNA. Listing and reading attributes go through one native buffer of
 * 64 KiB per thread (the kernel's limit for a name list and for a value), so an entry without attributes costs one
 * {@code llistxattr} and no copying. Thread-safe.
 */
final class LibcExtras implements FileSystemExtras {

    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int ENOTDIR = 20;
    private static final int ENOSYS = 38;
    private static final int ENODATA = 61;
    private static final int EOPNOTSUPP = 95;
    private static final int XATTR_MAX = 65536;
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final long UTIME_OMIT = (1L << 30) - 2;

    private final ThreadLocal<Memory> buffer = ThreadLocal.withInitial(() -> new Memory(XATTR_MAX));
    /** Null where {@code statx} works, else why not. */
    private final String statUnavailable;

    private LibcExtras(String statUnavailable) {
        this.statUnavailable = statUnavailable;
    }

    /** Binds libc; throws a {@link LinkageError} or runtime exception where it cannot. */
    static LibcExtras load() {
        if (!Platform.is64Bit()) {
            throw new UnsupportedOperationException("a 32-bit JVM (the bindings assume 64-bit size_t)");
        }
        Libc.llistxattr(new byte[]{'/', 0}, null, 0); // binds now: a failure shows here, not at the first backup
        return new LibcExtras(NativeStat.probe());
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public List<Xattr> xattrs(Path path) throws IOException {
        byte[] file = NativePaths.bytes(path);
        Memory memory = buffer.get();
        long length = Libc.llistxattr(file, memory, XATTR_MAX);
        if (length < 0) {
            int errno = Native.getLastError();
            if (errno == EOPNOTSUPP || errno == ENOSYS) {
                return List.of(); // no extended attributes on this file system: nothing to keep
            }
            throw failure("llistxattr", path, null, errno);
        }
        if (length == 0) {
            return List.of();
        }
        byte[] names = memory.getByteArray(0, (int) length);
        List<Xattr> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < names.length; i++) {
            if (names[i] == 0) {
                String name = new String(names, start, i - start, StandardCharsets.UTF_8);
                if (FileSystemExtras.kept(name)) {
                    byte[] value = value(file, path, names, start, i, memory);
                    if (value != null) {
                        out.add(new Xattr(name, value));
                    }
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** The value of the name at {@code names[start, end)}, or null when it vanished since the listing. */
    private static byte[] value(byte[] file, Path path, byte[] names, int start, int end, Memory memory)
            throws IOException {
        byte[] name = new byte[end - start + 1];
        System.arraycopy(names, start, name, 0, end - start);
        long length = Libc.lgetxattr(file, name, memory, XATTR_MAX);
        if (length < 0) {
            int errno = Native.getLastError();
            if (errno == ENODATA) {
                return null;
            }
            throw failure("lgetxattr", path, new String(names, start, end - start, StandardCharsets.UTF_8), errno);
        }
        return memory.getByteArray(0, (int) length);
    }

    @Override
    public FileStat stat(Path path, boolean followLinks) throws IOException {
        if (statUnavailable != null) {
            throw new Unsupported(statUnavailable);
        }
        Memory memory = buffer.get();
        if (NativeStat.call(NativePaths.bytes(path), followLinks, memory) != 0) {
            throw failure("statx", path, null, Native.getLastError());
        }
        FileStat stat = NativeStat.read(memory);
        if (stat == null) {
            throw new Unsupported("statx on " + path + " left out a field the JDK's unix view reports");
        }
        return stat;
    }

    @Override
    public void setXattr(Path path, Xattr xattr) throws IOException {
        byte[] name = (xattr.name() + "\0").getBytes(StandardCharsets.UTF_8);
        if (Libc.lsetxattr(NativePaths.bytes(path), name, xattr.value(), xattr.value().length, 0) != 0) {
            throw failure("lsetxattr", path, xattr.name(), Native.getLastError());
        }
    }

    @Override
    public void mknod(Path path, Special kind, int mode, int major, int minor) throws IOException {
        byte[] file = NativePaths.bytes(path);
        int result;
        if (kind == Special.FIFO) {
            result = Libc.mkfifo(file, mode & 07777);
        } else if (kind.isDevice()) {
            try {
                result = Libc.Mknod.mknod(file, kind.typeBits() | (mode & 07777), makedev(major, minor));
            } catch (LinkageError e) {
                throw new Unsupported("this C library has no mknod symbol (glibc before 2.33?): " + e);
            }
        } else {
            throw new Unsupported("a " + kind + " cannot be created by Stowage");
        }
        if (result != 0) {
            throw failure(kind == Special.FIFO ? "mkfifo" : "mknod", path, null, Native.getLastError());
        }
    }

    @Override
    public void chmod(Path path, int mode) throws IOException {
        if (Libc.chmod(NativePaths.bytes(path), mode & 07777) != 0) {
            throw failure("chmod", path, null, Native.getLastError());
        }
    }

    @Override
    public void setModificationTime(Path path, long nanos) throws IOException {
        long[] times = {0, UTIME_OMIT, Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)};
        if (Libc.utimensat(AT_FDCWD, NativePaths.bytes(path), times, AT_SYMLINK_NOFOLLOW) != 0) {
            throw failure("utimensat", path, null, Native.getLastError());
        }
    }

    /** glibc's {@code gnu_dev_makedev}. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12)
                | (minor & 0xffL);
    }

    private static IOException failure(String call, Path path, String attribute, int errno) {
        String message = call + (attribute == null ? "" : " of " + attribute) + " on " + path + ": "
                + Libc.strerror(errno) + " (errno " + errno + ")";
        if (errno == EOPNOTSUPP || errno == ENOSYS) {
            return new Unsupported(message);
        }
        if (errno == ENOENT || errno == ENOTDIR) {
            return new java.nio.file.NoSuchFileException(path.toString(), null, message);
        }
        if (errno == EACCES) {
            return new java.nio.file.AccessDeniedException(path.toString(), null, message);
        }
        return new IOException(message);
    }
}
