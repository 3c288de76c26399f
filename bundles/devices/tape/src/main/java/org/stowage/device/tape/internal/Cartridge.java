package org.stowage.device.tape.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One cartridge (volume) of a {@link TapeMedium}: the backend SPI. Positions are bytes from the beginning of tape
 * (BOT); a tape file is addressed by its number and position, its data by {@code dataOffset} from the tape file's
 * start. Writes only ever
 * append at the end of data; nothing is rewritten except by {@link #relabel}. Not thread-safe: the
 * {@link TapeDrive} serializes every use.
 */
interface Cartridge {

    /** Told the bytes of data moved so far during a transfer, so that the drive can pace it. */
    @FunctionalInterface
    interface Streamed {
        void bytes(long soFar) throws IOException;
    }

    /**
     * A complete tape file on this cartridge; {@code dataOffset} is where its data starts, from its start;
     * {@code sha256} the lower-case hex SHA-256 of its data, from its file mark.
     */
    record TapeFile(TapeHeader header, int file, long position, long dataOffset, long end, String sha256) {
    }

    /**
     * What a scan from BOT found: the label's generation, every complete tape file after the label, the end of
     * data and whether a torn tail (an incomplete tape file left by a crash) lies beyond it.
     */
    record Scan(int generation, long labelEnd, List<TapeFile> files, long endOfData, boolean tornTail) {
    }

    String label();

    /**
     * Whether the cartridge has been labelled (virtual: its file exists and is not empty).
     *
     * @throws IOException when the backend cannot tell (a read error, no permission): the caller must then treat the
     *                     cartridge as unavailable, never as unlabelled, because labelling erases it
     */
    boolean labelled() throws IOException;

    /**
     * Writes the label at BOT; everything after it is gone for good (a relabel erases the cartridge).
     *
     * @return the end of the label: where the first tape file will start
     */
    long relabel(int generation) throws IOException;

    /**
     * Walks the cartridge from BOT to the end of data, reading only headers, and sets the append point to the end
     * of the last complete tape file: a torn tail is cut logically (the next append writes over it, as a drive
     * does when it writes at end of data).
     *
     * @throws IOException naming the cartridge if it has no valid label
     */
    Scan scan() throws IOException;

    /**
     * Appends one tape file at the append point and forces it to the medium before returning. {@code streamed}
     * is told the bytes written so far after each chunk, so the drive can pace the transfer.
     */
    TapeFile append(TapeHeader header, ByteBuffer data, Streamed streamed) throws IOException;

    /** Reads {@code length} bytes of the data of tape file {@code file}, starting {@code offset} bytes into it. */
    ByteBuffer read(int file, long position, long dataOffset, long offset, int length) throws IOException;

    /**
     * Streams {@code data} through the write path without keeping it (probe): afterwards the cartridge is exactly
     * as before.
     */
    void probe(ByteBuffer data, Streamed streamed) throws IOException;

    /** Releases open files; the cartridge can be used again later. */
    void close() throws IOException;
}
