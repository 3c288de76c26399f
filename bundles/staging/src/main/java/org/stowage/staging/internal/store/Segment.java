package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One append-only segment file of block records ({@link BlockHeader} followed by the block's data). Appends go
 * through the page cache, or, when the segment set found that the file system takes {@code O_DIRECT}, through
 * {@link DirectAppends} while the segment is active; reads always go through the page cache.
 *
 * <p>Thread safety: {@link #append} and {@link #force} are called by one writer at a time (the store's append
 * lock); {@link #read} is safe from any thread at any time, also concurrently with appends, because it reads only
 * records whose location was handed out after they were written. A reader pins the segment with {@link #pin} so
 * that a concurrent {@link #delete} unlinks the file at once but closes the channel only after the last reader
 * unpinned it (an unlinked file stays readable through an open channel).
 */
final class Segment {

    private final long id;
    private final Path path;
    private final FileChannel channel;
    private DirectAppends direct;
    private long size;
    private int readers;
    private boolean deleted;

    private Segment(long id, Path path, FileChannel channel, long size) {
        this.id = id;
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static Path pathOf(Path dir, long id) {
        return dir.resolve(String.format("seg-%010d.blocks", id));
    }

    /** Creates an empty segment and makes its directory entry durable before any journal record can name it. */
    static Segment create(Path dir, long id) throws IOException {
        Path path = pathOf(dir, id);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        Fsync.directory(dir);
        return new Segment(id, path, channel, 0);
    }

    /** Opens a sealed segment for reading (and compaction). */
    static Segment openSealed(Path path, long id) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        return new Segment(id, path, channel, channel.size());
    }

    long id() {
        return id;
    }

    Path path() {
        return path;
    }

    synchronized long size() {
        return size;
    }

    /**
     * From now until {@link #sealAppends}, appends bypass the page cache. Call on a new, empty segment only.
     *
     * @param buffer aligned to {@code blockSize}; this segment uses it until {@link #sealAppends}
     */
    void appendDirect(OpenOption directOption, ByteBuffer buffer, int blockSize) throws IOException {
        direct = new DirectAppends(path, directOption, buffer, blockSize, size());
    }

    /**
     * Appends one block record at the end; not durable until {@link #force}. Through the page cache, header and data
     * go in one gathering write that starts at the recorded end (only the appender moves the channel's position;
     * reads are positional), so a failed append leaves the end where it was and the next record overwrites the
     * partial one. With {@link DirectAppends}, a failed append forgets the unwritten part of the failed stage.
     */
    BlockLocation append(BlockHeader header, ByteBuffer data) throws IOException {
        if (direct != null) {
            long offset = direct.end();
            try {
                direct.append(header.encode());
                direct.append(data);
            } finally {
                setSize(direct.end());
            }
            return new BlockLocation(id, offset, header.size());
        }
        long offset = size();
        ByteBuffer[] record = {header.encode(), data.duplicate()};
        channel.position(offset);
        while (record[0].hasRemaining() || record[1].hasRemaining()) {
            channel.write(record);
        }
        setSize(offset + BlockHeader.LENGTH + header.size());
        return new BlockLocation(id, offset, header.size());
    }

    private synchronized void setSize(long newSize) {
        size = newSize;
    }

    /** Makes every appended record durable (with direct appends, the buffered tail is written, padded, first). */
    void force() throws IOException {
        if (direct != null) {
            try {
                direct.flush();
            } finally {
                setSize(direct.end());
            }
        }
        channel.force(false);
    }

    /** No more appends: writes what direct appends still buffer (not yet durable) and gives their buffer back. */
    void sealAppends() throws IOException {
        DirectAppends closing = direct;
        if (closing == null) {
            return;
        }
        direct = null;
        try (closing) {
            closing.flush();
        } finally {
            setSize(closing.end());
        }
    }

    /** Reads a whole block record (header and data) at {@code location}. */
    ByteBuffer read(BlockLocation location) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) location.recordLength());
        long position = location.offset();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                break; // the caller reports a short record with the block and object it belongs to
            }
            position += n;
        }
        return buffer.flip();
    }

    /** Keeps the channel open until {@link #unpin}; false if the segment was already deleted and closed. */
    synchronized boolean pin() {
        if (deleted) {
            return false;
        }
        readers++;
        return true;
    }

    synchronized void unpin() throws IOException {
        readers--;
        if (deleted && readers == 0) {
            channel.close();
        }
    }

    /** Unlinks the file; the channel closes when the last reader unpins. Call only once no live block is here. */
    synchronized void delete() throws IOException {
        deleted = true;
        Files.deleteIfExists(path);
        if (readers == 0) {
            channel.close();
        }
    }

    /** Closes the channel without deleting the file (store close); unforced appends may be lost, as in a crash. */
    synchronized void close() throws IOException {
        try (FileChannel closing = channel) {
            if (direct != null) {
                direct.close();
            }
        }
    }
}
