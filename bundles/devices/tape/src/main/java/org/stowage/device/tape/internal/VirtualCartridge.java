package org.stowage.device.tape.internal;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cartridge of the virtual library: one file, {@code <label>.vtape}, holding the tape files back to back from
 * BOT (offset 0). Positions are offsets in that file. The append point is the end of the last
 * complete tape file; bytes beyond it (a torn tail) are overwritten by the next append, like a drive writing at end
 * of data. Relabelling truncates the file to nothing and writes a new label: the one in-place write, as on tape.
 */
final class VirtualCartridge implements Cartridge {

    /** Data goes to the file in chunks of this size, so that the drive can pace the stream. */
    static final int CHUNK = 1 << 20;

    private final String label;
    private final Path file;
    private FileChannel channel;
    private long appendAt = -1;
    private int nextFile;

    VirtualCartridge(String label, Path file) {
        this.label = label;
        this.file = file;
    }

    @Override
    public String label() {
        return label;
    }

    /** An absent or empty file (created, then a crash before its first label was written) is unlabelled. */
    @Override
    public boolean labelled() throws IOException {
        try {
            return Files.size(file) > 0;
        } catch (NoSuchFileException absent) {
            return false;
        }
    }

    /**
     * Writes the new label over the old one at BOT, forces it, then cuts the file after it. A crash in between
     * leaves the old tape files behind the new label; the scan stops at them because their generation is older.
     */
    @Override
    public long relabel(int generation) throws IOException {
        FileChannel open = channel();
        appendAt = 0;
        nextFile = 0;
        append(TapeHeader.label(label, generation), ByteBuffer.allocate(0), bytes -> { });
        open.truncate(appendAt);
        open.force(true);
        return appendAt;
    }

    @Override
    public Scan scan() throws IOException {
        FileChannel open = channel();
        Optional<TapeFiles.Found> first = TapeFiles.readHeader(open, 0);
        if (first.isEmpty() || !TapeHeader.LABEL.equals(first.get().header().kind())
                || !label.equals(first.get().header().label())) {
            throw new IOException("cartridge " + label + " (" + file + ") has no valid label at BOT; relabel it "
                    + "only if its data is not needed (remove the file to let the library label it anew)");
        }
        int generation = first.get().header().generation();
        List<TapeFile> files = new ArrayList<>();
        long at = first.get().end();
        int number = 1;
        for (Optional<TapeFiles.Found> next = TapeFiles.readHeader(open, at); isOf(next, generation);
                next = TapeFiles.readHeader(open, at)) {
            TapeFiles.Found found = next.get();
            files.add(new TapeFile(found.header(), number++, at, found.dataOffset() - at, found.end(), found.sha256()));
            at = found.end();
        }
        appendAt = at;
        nextFile = number;
        return new Scan(generation, first.get().end(), files, at, open.size() > at);
    }

    /** Whether a tape file was found and belongs to this label and generation (not left over from before). */
    private boolean isOf(Optional<TapeFiles.Found> found, int generation) {
        return found.isPresent() && label.equals(found.get().header().label())
                && found.get().header().generation() == generation;
    }

    @Override
    public TapeFile append(TapeHeader header, ByteBuffer data, Streamed streamed) throws IOException {
        FileChannel open = channel();
        if (appendAt < 0) {
            throw new IllegalStateException("cartridge " + label + " was not scanned before writing");
        }
        long start = appendAt;
        long length = data.remaining();
        long at = writeAll(open, TapeFiles.head(header, length), start);
        long dataOffset = at;
        MessageDigest sha256 = Digests.sha256();
        at = writeData(open, data, at, streamed, sha256);
        byte[] digest = sha256.digest();
        at = writeAll(open, TapeFiles.tail(length, digest), at);
        open.force(false);
        appendAt = at;
        return new TapeFile(header, nextFile++, start, dataOffset - start, at, HexFormat.of().formatHex(digest));
    }

    private static long writeData(FileChannel open, ByteBuffer data, long at, Streamed streamed,
                                  MessageDigest sha256)
            throws IOException {
        ByteBuffer source = data.duplicate();
        long written = 0;
        while (source.hasRemaining()) {
            int n = Math.min(CHUNK, source.remaining());
            ByteBuffer chunk = source.duplicate();
            chunk.limit(chunk.position() + n);
            sha256.update(chunk.duplicate());
            at = writeAll(open, chunk, at);
            source.position(source.position() + n);
            written += n;
            streamed.bytes(written);
        }
        return at;
    }

    private static long writeAll(FileChannel open, ByteBuffer buffer, long at) throws IOException {
        while (buffer.hasRemaining()) {
            at += open.write(buffer, at);
        }
        return at;
    }

    @Override
    public ByteBuffer read(int fileNumber, long position, long dataOffset, long offset, int length)
            throws IOException {
        ByteBuffer result = ByteBuffer.allocateDirect(length);
        FileChannel open = channel();
        while (result.hasRemaining()) {
            if (open.read(result, position + dataOffset + offset + result.position()) < 0) {
                throw new IOException("cartridge " + label + " ends before tape file " + fileNumber
                        + " does (offset " + (position + dataOffset + offset + result.position()) + " of " + file + ")");
            }
        }
        return result.flip();
    }

    /** Writes the data past the end of data, unforced and with no file mark, then cuts the file back. */
    @Override
    public void probe(ByteBuffer data, Streamed streamed) throws IOException {
        FileChannel open = channel();
        long end = appendAt;
        try {
            writeData(open, data, end, streamed, Digests.sha256());
        } finally {
            open.truncate(end);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = FileChannel.open(file, READ, WRITE, CREATE);
        }
        return channel;
    }
}
