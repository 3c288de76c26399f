package org.stowage.api.repository;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * One file of a snapshot, open for reading ({@link SnapshotService#open}). Every blob is verified before a byte of it
 * is returned. The channel methods keep a position and serve one reader; {@link #read(ByteBuffer, long)} reads at a
 * given offset and may be called from several threads at once (a file system serving concurrent requests), which
 * share the blobs loaded for them.
 *
 * @since 1.7
 */
public interface SnapshotFile extends SeekableByteChannel {

    /**
     * Reads bytes at {@code position} into {@code dst} without moving this channel's position. Thread-safe.
     *
     * @return the bytes read, 0 or more, or -1 if {@code position} is at or past the end of the file
     * @throws IOException if a blob cannot be read or fails verification, naming it
     */
    int read(ByteBuffer dst, long position) throws IOException;
}
