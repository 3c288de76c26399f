package org.stowage.engine.internal.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc functions behind {@link LibcExtras}, bound by JNA direct mapping (a native method per function: no proxy
 * and no reflection per call, which matters for one {@code llistxattr} per backed-up entry). 64-bit Linux only:
 * {@code size_t}, {@code ssize_t} and {@code dev_t} are Java longs. Paths and names are NUL-terminated byte arrays.
 * After a call returning -1, {@link Native#getLastError()} holds errno for this thread.
 */
final class Libc {

    static {
        Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private Libc() {
    }

    static native long llistxattr(byte[] path, Pointer list, long size);

    static native long lgetxattr(byte[] path, byte[] name, Pointer value, long size);

    static native int lsetxattr(byte[] path, byte[] name, byte[] value, long size, int flags);

    static native int mkfifo(byte[] path, int mode);

    static native int chmod(byte[] path, int mode);

    /** {@code times}: atime seconds, nanoseconds, mtime seconds, nanoseconds (two {@code struct timespec}). */
    static native int utimensat(int dirfd, byte[] path, long[] times, int flags);

    static native String strerror(int errnum);

    /**
     * {@code statx} on its own: a glibc symbol since 2.28 (Linux 4.11), so that a C library without it costs the
     * native stat only, and the JDK's attribute views serve instead.
     */
    static final class Statx {
        static {
            Native.register(Statx.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private Statx() {
        }

        /** {@code buffer}: a {@code struct statx} of 256 bytes, whose layout is the same on every architecture. */
        static native int statx(int dirfd, byte[] path, int flags, int mask, Pointer buffer);
    }

    /** {@code mallopt} on its own: glibc's, so that another C library costs the heap's tuning only. */
    static final class Mallopt {
        static {
            Native.register(Mallopt.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private Mallopt() {
        }

        /** Returns 1 when {@code param} took {@code value}, 0 when not. */
        static native int mallopt(int param, int value);
    }

    /**
     * {@code mknod} on its own: a real symbol only since glibc 2.33 (before, {@code __xmknod}), so that a C library
     * without it costs device nodes only.
     */
    static final class Mknod {
        static {
            Native.register(Mknod.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        private Mknod() {
        }

        static native int mknod(byte[] path, int mode, long dev);
    }
}
