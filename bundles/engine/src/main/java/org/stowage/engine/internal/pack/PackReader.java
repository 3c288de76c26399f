package org.stowage.engine.internal.pack;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;

/**
 * Reads the header at the end of a pack, from the device (two ranged reads) or from the pack's bytes. The trailer's
 * header length is not authenticated (any file in {@code data/} has one), so it is checked against the pack's size
 * and against the longest header a pack of the repository's pack size can have ({@link PackHeader#maxStoredLength})
 * before anything is read or allocated for it; the entries are checked to lie within the pack's blobs.
 */
public final class PackReader {

    private PackReader() {
    }

    /**
     * The header of a pack of {@code size} bytes on {@code device}, in a repository whose target pack size is
     * {@code packSize}.
     *
     * @throws UndecodableException if the trailer, the header or an entry is out of bounds, the device returns fewer
     *                              bytes than the pack's size promises, or the header does not authenticate
     */
    public static PackHeader readHeader(Device device, StoredForm form, String packId, long size, int packSize)
            throws IOException, UndecodableException {
        BlobName name = BlobName.of(BlobType.DATA, packId);
        checkSize(size);
        ByteBuffer trailer = readFully(device, name, ByteRange.of(size - 4, 4));
        int length = trailer.getInt(trailer.position());
        checkLength(length, size, packSize);
        ByteBuffer sealed = readFully(device, name, ByteRange.of(size - 4 - length, length));
        return parse(sealed, form, size - 4 - length);
    }

    /**
     * The header of a whole pack held in {@code pack} (position to limit; not changed), in a repository whose target
     * pack size is {@code packSize}.
     */
    public static PackHeader parseHeader(ByteBuffer pack, StoredForm form, int packSize) throws UndecodableException {
        int size = pack.remaining();
        checkSize(size);
        int length = pack.getInt(pack.position() + size - 4);
        checkLength(length, size, packSize);
        ByteBuffer sealed = pack.duplicate().position(pack.position() + size - 4 - length).limit(pack.limit() - 4);
        return parse(sealed, form, size - 4 - length);
    }

    private static PackHeader parse(ByteBuffer sealed, StoredForm form, long blobsEnd) throws UndecodableException {
        PackHeader header = PackHeader.parse(form.decode(sealed, Domain.PACK_HEADER));
        header.checkWithin(blobsEnd);
        return header;
    }

    private static void checkSize(long size) throws UndecodableException {
        if (size < 4 + StoredForm.OVERHEAD) {
            throw new UndecodableException("pack of " + size + " bytes is too short to hold a header");
        }
    }

    private static void checkLength(int length, long size, int packSize) throws UndecodableException {
        long limit = PackHeader.maxStoredLength(packSize);
        if (length < StoredForm.OVERHEAD || length > size - 4 || length > limit) {
            throw new UndecodableException("pack trailer declares a header of " + length + " bytes in a pack of "
                    + size + " bytes; a header has " + StoredForm.OVERHEAD + " to " + limit + " bytes with packs of "
                    + packSize + " bytes, and fits in its pack (not a pack, or a damaged one)");
        }
    }

    /** The bytes of {@code range}; a short read (the pack shrank, a cut-off transfer) is undecodable. */
    private static ByteBuffer readFully(Device device, BlobName name, ByteRange range)
            throws IOException, UndecodableException {
        ByteBuffer bytes = device.get(name, range);
        if (bytes.remaining() != range.length()) {
            throw new UndecodableException("the device returned " + bytes.remaining() + " of the " + range.length()
                    + " bytes at pack offset " + range.offset() + " (the pack is shorter than listed, or the read "
                    + "was cut off)");
        }
        return bytes;
    }
}
