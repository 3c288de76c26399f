package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.stowage.engine.internal.posix.FileSystemExtras;

/**
 * Adds an entry's extended attributes (POSIX ACLs among them) to its metadata: one {@code llistxattr} per entry,
 * nothing more for the many entries without any. Where the platform cannot read them at all, the run gets one
 * warning and the backup goes on without them; an entry whose attributes cannot be read is warned about, counted as
 * an error and kept without them. Thread-safe.
 */
final class XattrReader {

    private final ArchiveContext context;
    private final FileSystemExtras extras;
    private final AtomicBoolean warned = new AtomicBoolean();

    XattrReader(ArchiveContext context, FileSystemExtras extras) {
        this.context = context;
        this.extras = extras;
    }

    SourceMeta read(Path path, SourceMeta meta) {
        String unavailable = extras.unavailableReason();
        if (unavailable != null) {
            if (warned.compareAndSet(false, true)) {
                context.listener.warning(path.toString(), "extended attributes and ACLs are not backed up in this"
                        + " run: " + unavailable);
            }
            return meta;
        }
        try {
            return meta.withXattrs(context.onSource(path, extras::xattrs));
        } catch (IOException e) {
            context.error(path, "cannot read extended attributes or ACLs (" + e.getMessage()
                    + "); the entry is kept without them");
            return meta;
        }
    }
}
