package org.stowage.staging.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a mapping journal written by {@link Journal} and tells a torn tail from damage: a record that is short,
 * lacks its magic or fails its checksum ends the good part; if a valid record follows it anywhere, the file was
 * damaged (not cut by a crash) and reading fails, naming the offsets, rather than dropping later records.
 */
final class JournalReader {

    /** Where the good records end, and what was wrong after that (empty when the file ended cleanly). */
    record Result(long goodEnd, String problem) {
    }

    private JournalReader() {
    }

    static Result read(Path file, FileChannel channel, Consumer<JournalRecord> replay) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("staging journal " + file + " is " + size + " bytes, larger than a journal can "
                    + "grow between compactions; it is not a journal this version wrote");
        }
        ByteBuffer all = ByteBuffer.allocate((int) size);
        while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {
            // read until full or end of file
        }
        all.flip();
        checkHeader(file, all);
        int position = Journal.HEADER_LENGTH;
        while (position < all.limit()) {
            Parsed parsed = parse(all, position);
            if (parsed.record().isEmpty()) {
                failIfValidRecordFollows(file, all, position, parsed.problem());
                return new Result(position, parsed.problem());
            }
            replay.accept(parsed.record().get());
            position = parsed.next();
        }
        return new Result(position, "");
    }

    private static void checkHeader(Path file, ByteBuffer all) throws IOException {
        if (all.limit() < Journal.HEADER_LENGTH || all.getInt(0) != Journal.FILE_MAGIC) {
            throw new IOException("staging journal " + file + " does not start with the journal magic 'SJNL'; "
                    + "it is not a staging journal (move it away only if the staging directory is wrong)");
        }
        short version = all.getShort(4);
        if (version != Journal.FILE_VERSION) {
            throw new IOException("staging journal " + file + " has format version " + version + "; this version "
                    + "reads version " + Journal.FILE_VERSION + ": drain it with the Stowage version that wrote it");
        }
    }

    private record Parsed(Optional<JournalRecord> record, int next, String problem) {
    }

    private static Parsed parse(ByteBuffer all, int at) throws IOException {
        int remaining = all.limit() - at;
        if (remaining < Journal.FRAMING) {
            return new Parsed(Optional.empty(), at, "short record of " + remaining + " bytes");
        }
        if (all.getInt(at) != Journal.RECORD_MAGIC) {
            return new Parsed(Optional.empty(), at, "no record magic");
        }
        byte type = all.get(at + 4);
        int length = all.getInt(at + 5);
        if (length < 0 || length > remaining - Journal.FRAMING) {
            return new Parsed(Optional.empty(), at, "record of " + length + " bytes runs past the end of the file");
        }
        int crc = Journal.crcOf(all.array(), at + 4, 1 + 4 + length);
        if (crc != all.getInt(at + 9 + length)) {
            return new Parsed(Optional.empty(), at, "record checksum mismatch");
        }
        byte[] payload = new byte[length];
        all.get(at + 9, payload);
        try {
            return new Parsed(Optional.of(JournalCodec.decode(type, payload)), at + Journal.FRAMING + length, "");
        } catch (IOException e) {
            throw new IOException("staging journal record at offset " + at + " has a valid checksum but does not "
                    + "decode (" + e.getMessage() + "); it was written by another version or the file is damaged", e);
        }
    }

    private static void failIfValidRecordFollows(Path file, ByteBuffer all, int bad, String problem)
            throws IOException {
        for (int at = bad + 1; at <= all.limit() - Journal.FRAMING; at++) {
            if (all.getInt(at) == Journal.RECORD_MAGIC && parse(all, at).record().isPresent()) {
                throw new IOException("staging journal " + file + " is damaged at offset " + bad + " (" + problem
                        + ") but holds a valid record at offset " + at + ": this is not a torn tail from a crash. "
                        + "Nothing was changed; copy the staging directory aside and contact support before "
                        + "removing anything, as staged blobs may not be on their devices yet");
            }
        }
    }
}
