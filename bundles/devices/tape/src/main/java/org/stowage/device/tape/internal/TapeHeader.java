package org.stowage.device.tape.internal;

import java.util.List;
import java.util.Objects;

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

    /**
     * Validates, also when read from a cartridge (where only a CRC protects it): the scan and the catalog trust
     * these fields. A violation is an {@link IllegalArgumentException} naming the field, which the JSON reader
     * reports as an invalid header. Kinds other than the four above pass (a newer writer's; the scan skips them).
     */
    TapeHeader {
        if (kind == null || label == null || generation < 0 || length < 0) {
            throw new IllegalArgumentException("tape header has kind " + kind + ", label " + label + ", generation "
                    + generation + ", length " + length + " (kind and label required, numbers >= 0)");
        }
        if (BLOB.equals(kind)) {
            TapeLibrary.parse(name);
        }
        if (FORGET.equals(kind) && forgets == null) {
            throw new IllegalArgumentException("forget tape header without forget records");
        }
        if (entries != null && entries.stream().anyMatch(Objects::isNull)
                || forgets != null && forgets.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("tape header of kind " + kind + " has a null catalog or forget entry");
        }
    }

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

        BlobRecord {
            if (name == null || position < 0 || file < 0 || dataOffset < 0 || length < 0) {
                throw new IllegalArgumentException("catalog entry " + name + " has position " + position + ", file "
                        + file + ", data offset " + dataOffset + ", length " + length + " (name required, >= 0)");
            }
        }
    }

    /** A forgotten blob, identified by the tape file that holds it (so a recycled cartridge is never hit). */
    record ForgetRecord(String name, String label, int generation, long position) {

        ForgetRecord {
            TapeLibrary.parse(name);
            if (label == null || generation < 0 || position < 0) {
                throw new IllegalArgumentException("forget record of " + name + " has label " + label
                        + ", generation " + generation + ", position " + position + " (label required, >= 0)");
            }
        }
    }
}
