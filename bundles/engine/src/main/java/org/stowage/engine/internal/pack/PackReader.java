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

/** Reads the header at the end of a pack, from the device (two ranged reads) or from the pack's bytes. */
public final class PackReader {

    private PackReader() {
    }

    /** The header of a pack of {@code size} bytes on {@code device}. */
    public static PackHeader readHeader(Device device, StoredForm form, String packId, long size)
            throws IOException, UndecodableException {
        BlobName name = BlobName.of(BlobType.DATA, packId);
        if (size < 4 + StoredForm.OVERHEAD) {
            throw new UndecodableException("pack of " + size + " bytes is too short to hold a header");
        }
        int length = device.get(name, ByteRange.of(size - 4, 4)).getInt(0);
        checkLength(length, size);
        ByteBuffer sealed = device.get(name, ByteRange.of(size - 4 - length, length));
        return PackHeader.parse(form.decode(sealed, Domain.PACK_HEADER));
    }

    /** The header of a whole pack held in {@code pack} (position to limit; not changed). */
    public static PackHeader parseHeader(ByteBuffer pack, StoredForm form) throws UndecodableException {
        int size = pack.remaining();
        if (size < 4 + StoredForm.OVERHEAD) {
            throw new UndecodableException("pack of " + size + " bytes is too short to hold a header");
        }
        int length = pack.getInt(pack.position() + size - 4);
        checkLength(length, size);
        ByteBuffer sealed = pack.duplicate().position(pack.position() + size - 4 - length).limit(pack.limit() - 4);
        return PackHeader.parse(form.decode(sealed, Domain.PACK_HEADER));
    }

    private static void checkLength(int length, long size) throws UndecodableException {
        if (length < StoredForm.OVERHEAD || length > size - 4) {
            throw new UndecodableException("pack trailer declares a header of " + length + " bytes in a pack of "
                    + size + " bytes");
        }
    }
}
