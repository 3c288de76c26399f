package org.stowage.engine.internal.chunker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Cuts the bytes of a channel into chunks. Reads in large blocks into one heap buffer (the gear hash runs fastest
 * on a {@code byte[]}) and hands out views of it; boundaries do not depend on the buffer size or on how the
 * channel splits its reads.
 *
 * <p>Memory: one buffer of {@code bufferSize} bytes (at least twice the chunker's max). Not thread-safe: one
 * reader per file, used by one thread.
 */
public final class ChunkReader {

    /** At most this many bytes per channel read, so the JDK's per-thread temporary direct buffer stays small. */
    private static final int READ_SLICE = 1 << 20;

    private final Chunker chunker;
    private final ReadableByteChannel in;
    private final byte[] buffer;
    private final int readAhead;
    private int start;
    private int end;
    private boolean eof;

    public ChunkReader(Chunker chunker, ReadableByteChannel in, int bufferSize) {
        this(chunker, in, new byte[bufferSize]);
    }

    /**
     * @param buffer the working buffer, at least twice the chunker's max; the caller may reuse it for the next
     *               file once this reader is done
     */
    public ChunkReader(Chunker chunker, ReadableByteChannel in, byte[] buffer) {
        this(chunker, in, buffer, buffer.length);
    }

    /**
     * @param readAhead how many bytes from the start of the next chunk the reader holds at most: from the chunker's
     *                  max (a failed read then loses at most one chunk's worth of bytes read ahead, which a reader
     *                  that continues elsewhere from the last chunk reads again) to the buffer's length (fewer,
     *                  larger reads)
     */
    public ChunkReader(Chunker chunker, ReadableByteChannel in, byte[] buffer, int readAhead) {
        if (readAhead < chunker.max() || readAhead > buffer.length) {
            throw new IllegalArgumentException("chunk reader read-ahead " + readAhead + " is not between the largest"
                    + " chunk " + chunker.max() + " and the buffer " + buffer.length);
        }
        if (buffer.length < 2 * chunker.max()) {
            throw new IllegalArgumentException("chunk reader buffer " + buffer.length + " is smaller than twice the"
                    + " largest chunk " + chunker.max());
        }
        this.chunker = chunker;
        this.in = in;
        this.buffer = buffer;
        this.readAhead = readAhead;
    }

    /**
     * The next chunk as a read-only view of the internal buffer, valid until the next call; null at the end.
     */
    public ByteBuffer next() throws IOException {
        if (end - start < chunker.max() && !eof) {
            fill();
        }
        int available = end - start;
        if (available == 0) {
            return null;
        }
        int length = chunker.cut(buffer, start, available);
        ByteBuffer chunk = ByteBuffer.wrap(buffer, start, length).slice().asReadOnlyBuffer();
        start += length;
        return chunk;
    }

    private void fill() throws IOException {
        if (start + readAhead > buffer.length) { // with the whole buffer as read-ahead: whenever start > 0
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int limit = start + readAhead;
        while (end < limit) {
            int n = in.read(ByteBuffer.wrap(buffer, end, Math.min(READ_SLICE, limit - end)));
            if (n < 0) {
                eof = true;
                return;
            }
            end += n;
        }
    }
}
