package org.stowage.engine.internal.index;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;

/**
 * The JSON content of an index file (stored encrypted, {@link org.stowage.engine.internal.crypto.Domain#INDEX}):
 * packs with their size, the devices that hold a copy (format 2; absent in format 1, whose packs were all on the
 * one device of the repository) and the location of each of their blobs.
 *
 * <p>Validated when built, so also when parsed: the in-memory index, readers and restore trust these values (a
 * blob's range lies in its pack, lengths are not negative). A violation is an {@link IllegalArgumentException}
 * naming the pack and blob, which {@link org.stowage.engine.internal.json.Json#read} reports as an invalid index
 * file.
 */
public record IndexFile(int version, List<Pack> packs) {

    /** The format this version writes. */
    public static final int VERSION = 2;

    private static final Pattern PACK_ID = Pattern.compile("[0-9a-f]{64}");

    public IndexFile {
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("index file version " + version + " is unknown (1 to " + VERSION
                    + " expected)");
        }
        packs = listOf(packs, "index file", "packs");
    }

    /**
     * @param id      hex SHA-256 of the pack
     * @param size    the pack's size on the device; packs are built in memory, so at most 2^31 - 1 bytes
     * @param devices the devices that hold a copy (format 2), null in format 1
     * @param blobs   the blobs, each within the pack
     */
    public record Pack(String id, long size, List<String> devices, List<Blob> blobs) {

        public Pack {
            if (id == null || !PACK_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("index file lists a pack with id '" + id + "'; 64 hex digits "
                        + "expected");
            }
            if (size < 0 || size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("index file gives pack " + id + " a size of " + size + " bytes");
            }
            if (devices != null) {
                devices = listOf(devices, "pack " + id + " in an index file", "devices");
            }
            blobs = listOf(blobs, "pack " + id + " in an index file", "blobs");
            for (Blob blob : blobs) {
                if (blob.offset() > size - blob.storedLength()) {
                    throw new IllegalArgumentException("index file places blob " + blob.id().hex() + " at offset "
                            + blob.offset() + " (+" + blob.storedLength() + " bytes) of pack " + id + ", which has "
                            + size + " bytes");
                }
            }
        }
    }

    /**
     * @param offset       where the stored blob starts in its pack, at least 0
     * @param storedLength its stored length, at least {@link StoredForm#OVERHEAD}
     * @param plainLength  its plaintext length, at least 0
     */
    public record Blob(BlobKind kind, BlobId id, long offset, int storedLength, int plainLength) {

        public Blob {
            if (kind == null || id == null) {
                throw new IllegalArgumentException("index file lists a blob without " + (id == null ? "id" : "kind"
                        + " (id " + id.hex() + ")"));
            }
            if (offset < 0 || storedLength < StoredForm.OVERHEAD || plainLength < 0) {
                throw new IllegalArgumentException("index file gives blob " + id.hex() + " offset " + offset
                        + ", stored length " + storedLength + ", plain length " + plainLength + " (offset >= 0, "
                        + "stored length >= " + StoredForm.OVERHEAD + ", plain length >= 0 expected)");
            }
        }
    }

    private static <T> List<T> listOf(List<T> list, String where, String field) {
        if (list == null || list.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(where + " has " + (list == null ? "no '" + field + "' list"
                    : "a null entry in '" + field + "'"));
        }
        return List.copyOf(list);
    }
}
