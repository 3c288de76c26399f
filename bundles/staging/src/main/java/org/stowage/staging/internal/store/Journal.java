package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only mapping journal: {@code header ‖ record*}, where header = {@code magic(u32)='SJNL' ‖
 * version(u16)=1} and record = {@code magic(u32)='SREC' ‖ type(u8) ‖ length(u32) ‖ payload ‖ crc32c(u32)}, the
 * CRC covering type, length and payload ({@link JournalCodec} encodes payloads).
 *
 * <p>Durability: {@link #append} returns once the record is forced to stable storage. A failed append truncates
 * the file back to its last good record; if even that fails the journal refuses every later append, so that no
 * record is ever written after a torn one. Opening replays every record; a torn tail (a crash mid-append) is cut
 * off, but damage followed by a valid record is not a torn tail and fails the open instead of losing what follows.
 *
 * <p>Thread safety: none; the store calls it under its append lock.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    static final int FILE_MAGIC = 0x534A4E4C; // "SJNL"
    static final short FILE_VERSION = 1;
    static final int HEADER_LENGTH = 6;
    static final int RECORD_MAGIC = 0x53524543; // "SREC"
    static final int FRAMING = 4 + 1 + 4 + 4;

    private final Path file;
    private FileChannel channel;
    private long end;
    private IOException broken;

    private Journal(Path file, FileChannel channel, long end) {
        this.file = file;
        this.channel = channel;
        this.end = end;
    }

    /** Opens (or creates) the journal at {@code file}, handing every valid record to {@code replay} in order. */
    static Journal open(Path file, Consumer<JournalRecord> replay) throws IOException {
        if (!Files.exists(file) || Files.size(file) < HEADER_LENGTH) {
            // No journal, or a crash while the first one was created: nothing was ever recorded in it.
            writeFresh(file, List.of());
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            JournalReader.Result read = JournalReader.read(file, channel, replay);
            if (read.goodEnd() < channel.size()) {
                LOG.warn("Staging journal {}: cut off a torn tail of {} bytes at offset {} ({}); it held a stage "
                        + "or release that had not returned", file, channel.size() - read.goodEnd(),
                        read.goodEnd(), read.problem());
                channel.truncate(read.goodEnd());
                channel.force(true);
            }
            return new Journal(file, channel, read.goodEnd());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    long size() {
        return end;
    }

    /** Appends one record and forces it to disk; when this returns the record survives a crash. */
    void append(JournalRecord record) throws IOException {
        if (broken != null) {
            throw new IOException("staging journal " + file + " could not be repaired after a failed write and "
                    + "refuses writes; restart the staging service to recover it", broken);
        }
        ByteBuffer framed = frame(record);
        long start = end;
        try {
            while (framed.hasRemaining()) {
                channel.write(framed, start + framed.position());
            }
            channel.force(false);
            end = start + framed.limit();
        } catch (IOException e) {
            undo(start, e);
            throw new IOException("could not write the staging journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void undo(long start, IOException cause) {
        try {
            channel.truncate(start);
            channel.force(true);
        } catch (IOException e) {
            cause.addSuppressed(e);
            broken = cause;
        }
    }

    /**
     * Replaces the journal with one holding only {@code records} (compaction): written beside it, forced, renamed
     * over it and the directory forced, so a crash leaves either the old or the new journal, each complete.
     */
    void rewrite(List<JournalRecord> records) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".compacting");
        writeFresh(temp, records);
        channel.close();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(file.getParent());
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        end = channel.size();
    }

    private static void writeFresh(Path target, List<JournalRecord> records) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).putInt(FILE_MAGIC).putShort(FILE_VERSION).flip();
            writeFully(out, header);
            for (JournalRecord record : records) {
                writeFully(out, frame(record));
            }
            out.force(true);
        }
        Fsync.directory(target.toAbsolutePath().getParent());
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    static ByteBuffer frame(JournalRecord record) {
        byte type = JournalCodec.typeOf(record);
        byte[] payload = JournalCodec.encode(record);
        ByteBuffer out = ByteBuffer.allocate(FRAMING + payload.length);
        out.putInt(RECORD_MAGIC).put(type).putInt(payload.length).put(payload);
        out.putInt(crcOf(out.array(), 4, 1 + 4 + payload.length));
        return out.flip();
    }

    static int crcOf(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
