package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One append-only segment file of block records ({@link BlockHeader} followed by the block's data).
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
     * Appends one block record at the end, header and data in one gathering write; not durable until {@link #force}.
     * Each append starts at the recorded end (only the appender moves the channel's position; reads are positional),
     * so a failed append leaves the end where it was and the next record overwrites the partial one.
     */
    BlockLocation append(BlockHeader header, ByteBuffer data) throws IOException {
        long offset = size();
        ByteBuffer[] record = {header.encode(), data.duplicate()};
        channel.position(offset);
        while (record[0].hasRemaining() || record[1].hasRemaining()) {
            channel.write(record);
        }
        synchronized (this) {
            size = offset + BlockHeader.LENGTH + header.size();
        }
        return new BlockLocation(id, offset, header.size());
    }

    void force() throws IOException {
        channel.force(false);
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

    /** Closes the channel without deleting the file (store close). */
    synchronized void close() throws IOException {
        channel.close();
    }
}
