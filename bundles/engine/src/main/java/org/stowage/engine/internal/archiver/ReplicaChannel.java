package org.stowage.engine.internal.archiver;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * A file of one replica opened at an offset, counting what it reads: where it stands tells how many bytes a
 * failure makes the next replica read again. Not thread-safe: one reader thread.
 */
final class ReplicaChannel implements ReadableByteChannel {

    private static final int SKIP_BUFFER = 64 << 10;

    private final ReadableByteChannel in;
    private final int replica;
    private long position;

    private ReplicaChannel(ReadableByteChannel in, int replica, long position) {
        this.in = in;
        this.replica = replica;
        this.position = position;
    }

    /**
     * Opens {@code file} (a path of replica {@code replica}) with {@code opener} and moves to {@code offset}: by
     * seeking where the channel can, else by reading and discarding.
     */
    static ReplicaChannel open(SourceOpener opener, Path file, int replica, long offset) throws IOException {
        ReadableByteChannel channel = opener.open(file);
        try {
            if (channel instanceof SeekableByteChannel seekable) {
                seekable.position(offset);
            } else {
                skip(channel, offset, file);
            }
            return new ReplicaChannel(channel, replica, offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void skip(ReadableByteChannel channel, long offset, Path file) throws IOException {
        ByteBuffer discard = ByteBuffer.allocate(SKIP_BUFFER);
        for (long left = offset; left > 0; ) {
            discard.clear().limit((int) Math.min(SKIP_BUFFER, left));
            int n = channel.read(discard);
            if (n < 0) {
                throw new EOFException(file + " ends before offset " + offset + ", where the backup continues");
            }
            left -= n;
        }
    }

    int replica() {
        return replica;
    }

    /** The offset in the file of the next byte this channel returns. */
    long position() {
        return position;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = in.read(dst);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return in.isOpen();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
