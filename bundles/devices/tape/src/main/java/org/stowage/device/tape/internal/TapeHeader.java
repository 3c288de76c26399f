package org.stowage.device.tape.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The header record of one tape file: what the file holds, so that a cartridge can be read without any host state.
 * Stored as JSON (see {@link TapeFiles}); the SHA-256 of the data follows the data, in the file mark, so that a
 * blob is written in one pass.
 *
 * @param kind       {@code label} (at BOT), {@code blob}, {@code catalog} or {@code forget}
 * @param label      the cartridge's label (label files) or the label this file was written to
 * @param generation how often the cartridge was recycled; a file belongs to one generation
 * @param name       the blob's name ({@code type/id}, blob files only)
 * @param length     the length of the data record
 * @param entries    the cartridge's table of contents so far (catalog files)
 * @param forgets    blobs forgotten by delete (forget and catalog files)
 * @param closed     true on the catalog that closes a full cartridge (end of medium reached)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TapeHeader(String kind, String label, int generation, String name, long length,
                  List<BlobRecord> entries, List<ForgetRecord> forgets, Boolean closed) {

    static final String LABEL = "label";
    static final String BLOB = "blob";
    static final String CATALOG = "catalog";
    static final String FORGET = "forget";

    static TapeHeader label(String label, int generation) {
        return new TapeHeader(LABEL, label, generation, null, 0, null, null, null);
    }

    static TapeHeader blob(String label, int generation, String name, long length) {
        return new TapeHeader(BLOB, label, generation, name, length, null, null, null);
    }

    static TapeHeader catalog(String label, int generation, List<BlobRecord> entries, List<ForgetRecord> forgets,
                              boolean closed) {
        return new TapeHeader(CATALOG, label, generation, null, 0, entries, forgets, closed ? true : null);
    }

    static TapeHeader forget(String label, int generation, List<ForgetRecord> forgets) {
        return new TapeHeader(FORGET, label, generation, null, 0, null, forgets, null);
    }

    /**
     * One blob in a cartridge's catalog.
     *
     * @param name       {@code type/id}
     * @param position   where its tape file starts on the cartridge
     * @param file       the tape file number (0 is the label)
     * @param dataOffset where its data starts, in the backend's addressing (see {@link Cartridge})
     */
    record BlobRecord(String name, long position, int file, long dataOffset, long length, String sha256) {
    }

    /** A forgotten blob, identified by the tape file that holds it (so a recycled cartridge is never hit). */
    record ForgetRecord(String name, String label, int generation, long position) {
    }
}
