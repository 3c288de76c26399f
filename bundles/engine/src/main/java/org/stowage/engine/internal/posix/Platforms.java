package org.stowage.engine.internal.posix;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.stowage.engine.internal.tree.Special;
import org.stowage.engine.internal.tree.Xattr;

/** Picks the {@link FileSystemExtras} of this JVM once: libc through JNA where it loads, else {@link None}. */
final class Platforms {

    static final FileSystemExtras INSTANCE = choose();

    private Platforms() {
    }

    private static FileSystemExtras choose() {
        String os = System.getProperty("os.name", "");
        if (!os.equals("Linux")) {
            return new None("extended attributes, ACLs and special files are handled on Linux only, not on " + os);
        }
        try {
            return LibcExtras.load();
        } catch (LinkageError | RuntimeException e) { // JNA missing (NoClassDefFoundError) or no native library
            return new None("the native library access (JNA) is not available: " + e);
        }
    }

    /** The pure-JDK fallback: reports every call as unsupported, with the reason. */
    static final class None implements FileSystemExtras {
        private final String reason;

        None(String reason) {
            this.reason = reason;
        }

        @Override
        public String unavailableReason() {
            return reason;
        }

        @Override
        public List<Xattr> xattrs(Path path) throws IOException {
            throw new Unsupported(reason);
        }

        @Override
        public FileStat stat(Path path, boolean followLinks) throws IOException {
            throw new Unsupported(reason);
        }

        @Override
        public void setXattr(Path path, Xattr xattr) throws IOException {
            throw new Unsupported(reason);
        }

        @Override
        public void chmod(Path path, int mode) throws IOException {
            throw new Unsupported(reason);
        }

        @Override
        public void setModificationTime(Path path, long nanos) throws IOException {
            throw new Unsupported(reason);
        }

        @Override
        public void mknod(Path path, Special kind, int mode, int major, int minor) throws IOException {
            throw new Unsupported(reason);
        }
    }
}
