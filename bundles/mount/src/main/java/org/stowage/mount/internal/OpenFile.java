package org.stowage.mount.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jnr.ffi.Pointer;

/**
 * A file a program has open through the mount: its channel and a scratch buffer that FUSE reads copy through. The
 * kernel may send reads of one open file from several threads; they take turns here.
 */
final class OpenFile {

    private static final Logger LOG = LoggerFactory.getLogger(OpenFile.class);

    private final String path;
    private final SeekableByteChannel channel;
    private byte[] scratch = new byte[0];

    OpenFile(String path, SeekableByteChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Copies up to {@code size} bytes at {@code offset} into {@code buf}; returns how many (0 at the end). */
    synchronized int read(Pointer buf, int size, long offset) throws IOException {
        if (scratch.length < size) {
            scratch = new byte[size];
        }
        ByteBuffer into = ByteBuffer.wrap(scratch, 0, size);
        channel.position(offset);
        while (into.hasRemaining() && channel.read(into) > 0) {
            // a read returns at most the rest of one blob; go on to fill what the kernel asked for
        }
        int read = into.position();
        buf.put(0, scratch, 0, read);
        return read;
    }

    synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing {} of the mount failed: {}", path, e.toString());
        }
    }
}
