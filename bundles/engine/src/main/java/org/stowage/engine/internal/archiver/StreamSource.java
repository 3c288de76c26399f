package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.stowage.engine.internal.tree.NodeType;

/**
 * The source of a stream backup ({@link Archiver#backupStream}): the one file's metadata, and an opener that hands
 * the stream to the {@link FileArchiver} as if it were that file. Stateless.
 */
final class StreamSource {

    /** Mode of a stream's file: readable by all, as restic records stdin. */
    static final int MODE = 0644;

    private StreamSource() {
    }

    /** A regular file of unknown size (the archiver records what it read), owned by nobody in particular. */
    static SourceMeta meta(Instant time) {
        long nanos = TimeUnit.SECONDS.toNanos(time.getEpochSecond()) + time.getNano();
        return new SourceMeta(NodeType.FILE, MODE, nanos, 0, 0, 0, -1, -1, null, null, 1, null, 0, 0, null);
    }

    /**
     * Opens {@code path} as {@code content}. Read errors come out unchecked ({@link StreamReadException}), because
     * the file archiver keeps a file whose read fails as an unreadable entry and goes on, which for the stream would
     * commit a snapshot without its only content. Closing what it opens does not close {@code content}: the caller
     * owns it.
     */
    static SourceOpener opener(Path path, ReadableByteChannel content) {
        return opened -> {
            if (!opened.equals(path)) {
                throw new IllegalStateException("a stream backup of " + path + " was asked to open " + opened);
            }
            return new ReadableByteChannel() {
                private boolean open = true;

                @Override
                public int read(ByteBuffer dst) {
                    try {
                        return content.read(dst);
                    } catch (IOException e) {
                        throw new StreamReadException(path, e);
                    }
                }

                @Override
                public boolean isOpen() {
                    return open;
                }

                @Override
                public void close() {
                    open = false;
                }
            };
        };
    }

    /** The stream of a stream backup could not be read: the backup fails. */
    static final class StreamReadException extends UncheckedIOException {

        StreamReadException(Path path, IOException cause) {
            super("cannot read the stream backed up as " + path + ": " + cause.getMessage(), cause);
        }
    }
}
