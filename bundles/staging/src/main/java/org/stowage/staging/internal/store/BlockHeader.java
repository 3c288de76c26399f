package org.stowage.staging.internal.store;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The header written before every data block in a segment file (S1's "block header"), big-endian, 61 bytes:
 * {@code magic(u32)='SBLK' ‖ version(u8) ‖ createdAt(i64, epoch ms) ‖ size(u32) ‖ writeOffset(u64) ‖ id(32) ‖
 * crc32c(u32)} where the CRC covers the 57 bytes before it and the version says how the id is made and the data
 * verified ({@link BlockIdentity}: 1 its SHA-256, 2 a unique id ending in its CRC32C). {@code writeOffset} is the
 * offset within the staged object that first wrote the block; a block shared by later objects or versions keeps it
 * (the mapping's block order, not this field, places a block in an object). Immutable.
 */
record BlockHeader(Instant createdAt, int size, long writeOffset, BlockId id, BlockIdentity identity) {

    static final int MAGIC = 0x53424C4B; // "SBLK"
    static final int LENGTH = 4 + 1 + 8 + 4 + 8 + BlockId.LENGTH + 4;

    ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.putInt(MAGIC).put(identity.headerVersion()).putLong(createdAt.toEpochMilli()).putInt(size)
                .putLong(writeOffset);
        id.writeTo(out);
        out.putInt(crcOf(out.array()));
        return out.flip();
    }

    /**
     * Decodes a header, or explains why the bytes are not one (torn or damaged): the reason names the field.
     *
     * @param in exactly {@link #LENGTH} bytes from its position
     */
    static Decoded decode(ByteBuffer in) {
        ByteBuffer bytes = in.duplicate();
        if (bytes.remaining() < LENGTH) {
            return Decoded.failure("short header: " + bytes.remaining() + " of " + LENGTH + " bytes");
        }
        byte[] raw = new byte[LENGTH];
        bytes.get(raw);
        ByteBuffer h = ByteBuffer.wrap(raw);
        int magic = h.getInt();
        if (magic != MAGIC) {
            return Decoded.failure(String.format("bad magic 0x%08x", magic));
        }
        int stored = h.getInt(LENGTH - 4);
        if (stored != crcOf(raw)) {
            return Decoded.failure("header checksum mismatch");
        }
        byte version = h.get();
        Optional<BlockIdentity> identity = BlockIdentity.ofHeaderVersion(version);
        if (identity.isEmpty()) {
            return Decoded.failure("unknown block header version " + version);
        }
        Instant created = Instant.ofEpochMilli(h.getLong());
        int size = h.getInt();
        long writeOffset = h.getLong();
        byte[] hash = new byte[BlockId.LENGTH];
        h.get(hash);
        return new Decoded(Optional.of(new BlockHeader(created, size, writeOffset, BlockId.of(hash), identity.get())),
                "");
    }

    private static int crcOf(byte[] raw) {
        CRC32C crc = new CRC32C();
        crc.update(raw, 0, LENGTH - 4);
        return (int) crc.getValue();
    }

    /** A decoded header, or the reason there is none. */
    record Decoded(Optional<BlockHeader> header, String problem) {
        static Decoded failure(String problem) {
            return new Decoded(Optional.empty(), problem);
        }
    }
}
