package org.stowage.device.s3.internal;

import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads a heap or direct buffer without copying it first; works on a duplicate, so the caller's position and limit
 * stay as they are. Supports mark/reset, so the HTTP client can rewind it. Not thread-safe (one stream per attempt).
 */
final class ByteBufferInputStream extends InputStream {

    private final ByteBuffer buffer;
    private int mark;

    ByteBufferInputStream(ByteBuffer content) {
        this.buffer = content.duplicate();
        this.mark = buffer.position();
    }

    @Override
    public int read() {
        return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!buffer.hasRemaining()) {
            return -1;
        }
        int n = Math.min(length, buffer.remaining());
        buffer.get(target, offset, n);
        return n;
    }

    @Override
    public long skip(long n) {
        int skipped = (int) Math.max(0, Math.min(n, buffer.remaining()));
        buffer.position(buffer.position() + skipped);
        return skipped;
    }

    @Override
    public int available() {
        return buffer.remaining();
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readLimit) {
        mark = buffer.position();
    }

    @Override
    public synchronized void reset() {
        buffer.position(mark);
    }
}
