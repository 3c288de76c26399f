package org.stowage.engine.internal.pack;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;

/**
 * The table of blobs at the end of a pack, which makes a pack self-describing (it can be re-indexed from the device
 * alone). Plaintext layout, big-endian, before it is sealed as a {@link org.stowage.engine.internal.crypto.Domain
 * #PACK_HEADER} object:
 * <pre>
 *   version(1) = 1, count(u32), then count entries of 50 bytes:
 *   kind(1: 0 data, 1 tree) compressed(1: 0/1) id(32) offset(u64) storedLength(u32) plainLength(u32)
 * </pre>
 */
public record PackHeader(List<Entry> entries) {

    public static final int ENTRY_BYTES = 50;
    private static final int PREFIX_BYTES = 5;
    private static final byte VERSION = 1;

    public PackHeader {
        entries = List.copyOf(entries);
    }

    /** Plaintext size of a header with {@code count} entries. */
    public static int plainSize(int count) {
        return PREFIX_BYTES + count * ENTRY_BYTES;
    }

    /**
     * The longest stored header a pack of a repository whose target pack size is {@code packSize} can have. A pack is
     * closed as soon as blobs plus header reach {@code packSize}, and every blob takes at least
     * {@link StoredForm#OVERHEAD} stored bytes plus {@link #ENTRY_BYTES} of header, so a pack holds at most
     * {@code packSize / (OVERHEAD + ENTRY_BYTES) + 1} blobs; its header is stored raw at worst (plaintext plus the
     * stored-object overhead). The trailer's header length is not authenticated: this bounds what a reader
     * allocates for it.
     */
    public static long maxStoredLength(int packSize) {
        long count = packSize / (StoredForm.OVERHEAD + ENTRY_BYTES) + 1L;
        return PREFIX_BYTES + count * ENTRY_BYTES + StoredForm.OVERHEAD;
    }

    /**
     * Size on the device of a pack of {@code count} blobs taking {@code blobBytes}: the blobs, the sealed header (at
     * most its plaintext plus the stored-object overhead, since it is compressed only when that shrinks it) and the
     * header's length. Exact for an uncompressed header, an upper bound otherwise.
     */
    public static long packSize(long blobBytes, int count) {
        return blobBytes + plainSize(count) + StoredForm.OVERHEAD + 4;
    }

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(plainSize(entries.size()));
        out.put(VERSION).putInt(entries.size());
        for (Entry e : entries) {
            out.put((byte) (e.kind() == BlobKind.DATA ? 0 : 1)).put((byte) (e.compressed() ? 1 : 0));
            out.put(e.id().toBytes()).putLong(e.offset()).putInt(e.storedLength()).putInt(e.plainLength());
        }
        return out.array();
    }

    public static PackHeader parse(ByteBuffer plain) throws UndecodableException {
        ByteBuffer in = plain.duplicate();
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new UndecodableException("pack header version " + version + " is unknown");
            }
            int count = in.getInt();
            if (count < 0 || in.remaining() != (long) count * ENTRY_BYTES) {
                throw new UndecodableException("pack header declares " + count + " entries but holds "
                        + in.remaining() + " bytes of entries");
            }
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(readEntry(in));
            }
            return new PackHeader(entries);
        } catch (BufferUnderflowException e) {
            throw new UndecodableException("pack header is truncated", e);
        }
    }

    private static Entry readEntry(ByteBuffer in) throws UndecodableException {
        byte kind = in.get();
        byte compressed = in.get();
        if (kind < 0 || kind > 1 || compressed < 0 || compressed > 1) {
            throw new UndecodableException("pack header entry has invalid kind " + kind + " or compression flag "
                    + compressed);
        }
        byte[] id = new byte[BlobId.BYTES];
        in.get(id);
        Entry entry = new Entry(kind == 0 ? BlobKind.DATA : BlobKind.TREE, BlobId.fromBytes(id), in.getLong(),
                in.getInt(), in.getInt(), compressed == 1);
        if (entry.offset() < 0 || entry.storedLength() < StoredForm.OVERHEAD || entry.plainLength() < 0) {
            throw new UndecodableException("pack header entry of blob " + entry.id().hex() + " has offset "
                    + entry.offset() + ", stored length " + entry.storedLength() + ", plain length "
                    + entry.plainLength() + " (offset >= 0, stored length >= " + StoredForm.OVERHEAD
                    + ", plain length >= 0 expected)");
        }
        return entry;
    }

    /**
     * Checks that every entry's stored bytes lie before {@code blobsEnd}, the pack offset where the header starts.
     *
     * @throws UndecodableException naming the first entry that reaches past it
     */
    public void checkWithin(long blobsEnd) throws UndecodableException {
        for (Entry e : entries) {
            if (e.offset() > blobsEnd - e.storedLength()) { // offset >= 0 and storedLength > 0: no overflow
                throw new UndecodableException("pack header entry of blob " + e.id().hex() + " at offset "
                        + e.offset() + " (+" + e.storedLength() + " bytes) reaches past the blobs, which end at "
                        + blobsEnd);
            }
        }
    }

    /** One blob of a pack. */
    public record Entry(BlobKind kind, BlobId id, long offset, int storedLength, int plainLength,
                        boolean compressed) {

        public PackedBlob in(String packId) {
            return new PackedBlob(kind, id, packId, offset, storedLength, plainLength);
        }
    }
}
