package org.stowage.staging.internal.store;

import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * The appends of the active segment when its file system takes {@code O_DIRECT} ({@link
 * org.stowage.api.device.support.DirectIo} says why: staged blocks are written once and read again only by a drain
 * or a restore, so the page cache only costs CPU). Records are gathered in an aligned buffer and written in whole
 * file system blocks at block-aligned offsets; {@link #flush} pads the last partial block with zeros, so after each
 * stage the segment ends on a block boundary and the next stage's first record starts there. The padding belongs to
 * no record: records are found by the locations the journal holds, never by scanning a segment.
 *
 * <p>Not thread-safe: one writer at a time (the store's append lock). The buffer is the segment set's, lent to one
 * active segment at a time.
 */
final class DirectAppends implements AutoCloseable {

    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final int blockSize;
    /** File offset of the buffer's first byte: always a multiple of the block size. */
    private long written;

    /**
     * @param buffer aligned to {@code blockSize}, its capacity a multiple of it; cleared here
     * @param start  the segment's end so far, a multiple of {@code blockSize}
     */
    DirectAppends(Path file, OpenOption direct, ByteBuffer buffer, int blockSize, long start) throws IOException {
        if (start % blockSize != 0 || buffer.capacity() % blockSize != 0) {
            throw new IllegalArgumentException("unaligned start " + start + " or buffer of " + buffer.capacity()
                    + " bytes for " + blockSize + "-byte blocks");
        }
        this.channel = FileChannel.open(file, WRITE, direct);
        this.buffer = buffer.clear();
        this.blockSize = blockSize;
        this.written = start;
    }

    /** Where the next appended byte lands in the file. */
    long end() {
        return written + buffer.position();
    }

    /** Appends {@code part} (position to limit; the buffer is not moved), writing every block that fills up. */
    void append(ByteBuffer part) throws IOException {
        ByteBuffer source = part.duplicate();
        while (source.hasRemaining()) {
            int take = Math.min(source.remaining(), buffer.remaining());
            buffer.put(source.slice(source.position(), take));
            source.position(source.position() + take);
            if (!buffer.hasRemaining()) {
                writeBuffer();
            }
        }
    }

    /** Writes what the buffer holds, its last block padded with zeros; afterwards {@link #end} is block-aligned. */
    void flush() throws IOException {
        int padding = Math.floorMod(-buffer.position(), blockSize);
        for (int i = 0; i < padding; i++) {
            buffer.put((byte) 0);
        }
        writeBuffer();
    }

    /**
     * Writes the buffer at {@link #written}. On failure the buffer is emptied and nothing advances: the appends of
     * the failed stage are forgotten, and the next stage writes over whatever part of them reached the file.
     */
    private void writeBuffer() throws IOException {
        buffer.flip();
        try {
            long position = written;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            written = position;
        } finally {
            buffer.clear();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
