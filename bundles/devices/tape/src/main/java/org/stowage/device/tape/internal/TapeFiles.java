package org.stowage.device.tape.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32C;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The on-tape format of one tape file, shared by both backends: a header record (JSON {@link TapeHeader}), a data
 * record, and a file mark whose payload is the SHA-256 of the data (32 bytes), computed while the data streams.
 * Every record is {@code magic (4) | type (1) | length (8) | payload | crc32c (4)}; the CRC covers the 13-byte
 * prefix and, for header and file-mark records, the payload (the data is covered by the SHA-256 instead, so
 * scanning never reads data). A tape file is complete only when its file mark is
 * there: a crash mid-write leaves a torn tail that {@link #readHeader} reports as empty.
 */
final class TapeFiles {

    static final int MAGIC = 0x53544150; // "STAP"
    static final byte HEADER = 'H';
    static final byte DATA = 'D';
    static final byte FILE_MARK = 'F';
    static final int PREFIX = 13;
    static final int TRAILER = 4;
    /** Largest header or file-mark payload read (a catalog of a full cartridge stays far below). */
    static final int MAX_RECORD = 1 << 26;
    static final int SHA256_BYTES = 32;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TapeFiles() {
    }

    /** A complete tape file found at some position: its header and where its data record's payload lies. */
    record Found(TapeHeader header, long dataOffset, long end, String sha256) {
    }

    /** Bytes one tape file with {@code header} and {@code dataLength} bytes of data occupies. */
    static long size(TapeHeader header, long dataLength) {
        return 3L * (PREFIX + TRAILER) + json(header).length + dataLength + 32;
    }

    static byte[] json(TapeHeader header) {
        try {
            return JSON.writeValueAsBytes(header);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode tape header " + header, e);
        }
    }

    /** The header record's bytes and the data record's prefix, ready to precede the data. */
    static ByteBuffer head(TapeHeader header, long dataLength) {
        byte[] json = json(header);
        ByteBuffer head = ByteBuffer.allocate(PREFIX + json.length + TRAILER + PREFIX);
        record(head, HEADER, json);
        head.putInt(MAGIC).put(DATA).putLong(dataLength);
        return head.flip();
    }

    /** The data record's trailer and the file mark carrying the data's SHA-256, to follow the data. */
    static ByteBuffer tail(long dataLength, byte[] sha256) {
        ByteBuffer tail = ByteBuffer.allocate(TRAILER + PREFIX + sha256.length + TRAILER);
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(PREFIX).putInt(MAGIC).put(DATA).putLong(dataLength).flip());
        tail.putInt((int) crc.getValue());
        record(tail, FILE_MARK, sha256);
        return tail.flip();
    }

    private static void record(ByteBuffer out, byte type, byte[] payload) {
        int start = out.position();
        out.putInt(MAGIC).put(type).putLong(payload.length).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(start).limit(out.position()));
        out.putInt((int) crc.getValue());
    }

    /**
     * Reads the tape file at {@code position} of {@code channel}, skipping its data; empty if there is none there
     * or it is torn (incomplete, bad CRC, no file mark, a length that runs past the end of the medium). Lengths
     * read from the medium are checked against its size before any arithmetic, so no value overflows.
     *
     * @throws IOException if the medium cannot be read, or a complete tape file (CRCs correct) is not one this
     *                     format writes: a header that does not decode or breaks {@link TapeHeader}'s rules, a blob
     *                     header whose length is not its data's, a file mark that is not a SHA-256. Such a file is
     *                     not taken for a torn tail: the next append would overwrite it and everything after it
     */
    static Optional<Found> readHeader(FileChannel channel, long position) throws IOException {
        long size = channel.size();
        Optional<byte[]> json = readRecord(channel, position, size, HEADER);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        long dataPrefix = position + PREFIX + json.get().length + TRAILER;
        if (dataPrefix > size - PREFIX) {
            return Optional.empty();
        }
        ByteBuffer prefix = readFully(channel, dataPrefix, PREFIX);
        if (prefix.getInt() != MAGIC || prefix.get() != DATA) {
            return Optional.empty();
        }
        long dataLength = prefix.getLong();
        long room = size - (dataPrefix + PREFIX + TRAILER); // what the medium holds for data before a file mark
        if (dataLength < 0 || dataLength > room) {
            return Optional.empty();
        }
        long mark = dataPrefix + PREFIX + dataLength + TRAILER;
        Optional<byte[]> sha256 = readRecord(channel, mark, size, FILE_MARK);
        if (sha256.isEmpty()) {
            return Optional.empty();
        }
        TapeHeader header = decode(json.get(), position, dataLength);
        if (sha256.get().length != SHA256_BYTES) {
            throw new IOException("tape file at position " + position + " has a file mark of " + sha256.get().length
                    + " bytes; " + SHA256_BYTES + " (a SHA-256) expected");
        }
        return Optional.of(new Found(header, dataPrefix + PREFIX, mark + PREFIX + sha256.get().length + TRAILER,
                HexFormat.of().formatHex(sha256.get())));
    }

    /** The header of a complete tape file; see {@link #readHeader} for what makes it invalid. */
    private static TapeHeader decode(byte[] json, long position, long dataLength) throws IOException {
        TapeHeader header;
        try {
            header = JSON.readValue(json, TapeHeader.class);
        } catch (IOException e) {
            throw new IOException("tape file at position " + position + " has an invalid header: " + e.getMessage(),
                    e);
        }
        if (TapeHeader.BLOB.equals(header.kind()) && header.length() != dataLength) {
            throw new IOException("tape file at position " + position + " has a blob header of " + header.length()
                    + " bytes over " + dataLength + " bytes of data");
        }
        return header;
    }

    private static Optional<byte[]> readRecord(FileChannel channel, long position, long size, byte type)
            throws IOException {
        if (position < 0 || position > size - PREFIX - TRAILER) {
            return Optional.empty();
        }
        ByteBuffer prefix = readFully(channel, position, PREFIX);
        if (prefix.getInt() != MAGIC || prefix.get() != type) {
            return Optional.empty();
        }
        long length = prefix.getLong();
        if (length < 0 || length > MAX_RECORD || length > size - position - PREFIX - TRAILER) {
            return Optional.empty();
        }
        ByteBuffer rest = readFully(channel, position + PREFIX, (int) length + TRAILER);
        CRC32C crc = new CRC32C();
        crc.update(prefix.flip());
        crc.update(rest.duplicate().limit((int) length));
        if (rest.getInt((int) length) != (int) crc.getValue()) {
            return Optional.empty();
        }
        byte[] payload = new byte[(int) length];
        rest.get(payload);
        return Optional.of(payload);
    }

    /** Exactly {@code length} bytes at {@code position}, flipped; EOFException if the channel ends before. */
    static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("end of medium after " + buffer.position() + " of " + length
                        + " bytes at position " + position);
            }
        }
        return buffer.flip();
    }
}
