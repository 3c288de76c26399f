package org.stowage.mount.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.SnapshotFile;

import jnr.ffi.Pointer;

/**
 * A file a program has open through the mount. The kernel sends reads of one open file from several libfuse threads
 * at once (its read-ahead); they run side by side on the file's thread-safe positional reads, which load each blob
 * once for all of them. Each libfuse thread copies through a scratch array of its own.
 */
final class OpenFile {

    private static final Logger LOG = LoggerFactory.getLogger(OpenFile.class);
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[128 << 10]);

    private final String path;
    private final SnapshotFile file;

    OpenFile(String path, SnapshotFile file) {
        this.path = path;
        this.file = file;
    }

    /** Copies up to {@code size} bytes at {@code offset} into {@code buf}; returns how many (0 at the end). */
    int read(Pointer buf, int size, long offset) throws IOException {
        byte[] scratch = SCRATCH.get();
        if (scratch.length < size) {
            scratch = new byte[size];
            SCRATCH.set(scratch);
        }
        ByteBuffer into = ByteBuffer.wrap(scratch, 0, size);
        while (into.hasRemaining()) {
            int read = file.read(into, offset + into.position());
            if (read < 0) {
                break;
            }
        }
        int read = into.position();
        buf.put(0, scratch, 0, read);
        return read;
    }

    void close() {
        try {
            file.close();
        } catch (IOException e) {
            LOG.warn("Closing {} of the mount failed: {}", path, e.toString());
        }
    }
}
