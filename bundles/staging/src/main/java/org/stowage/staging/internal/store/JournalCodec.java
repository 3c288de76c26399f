package org.stowage.staging.internal.store;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;

/**
 * Payload encoding of {@link JournalRecord}s (the framing, magic and checksum are {@link Journal}'s), big-endian:
 * <pre>
 * STAGE (1)   = deviceId(str) ‖ blobType(str) ‖ blobId(str) ‖ order(u64) ‖ version(u64) ‖ size(u64) ‖
 *               firstStagedAt(i64 ms) ‖ stagedAt(i64 ms) ‖ count(u32) ‖ count × ref
 * RELEASE (2) = deviceId(str) ‖ blobType(str) ‖ blobId(str)
 * MOVE (3)    = count(u32) ‖ count × ref
 * ref         = blockId(32) ‖ segment(u64) ‖ offset(u64) ‖ length(u32)
 * str         = length(u16) ‖ modified UTF-8 bytes (DataOutput.writeUTF)
 * </pre>
 * The blob type is stored by its enum name, so reordering {@link BlobType} does not change old journals.
 */
final class JournalCodec {

    static final byte STAGE = 1;
    static final byte RELEASE = 2;
    static final byte MOVE = 3;

    private JournalCodec() {
    }

    static byte typeOf(JournalRecord record) {
        if (record instanceof JournalRecord.Stage) {
            return STAGE;
        }
        return record instanceof JournalRecord.Release ? RELEASE : MOVE;
    }

    static byte[] encode(JournalRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (record instanceof JournalRecord.Stage s) {
                writeName(out, s.deviceId(), s.name());
                out.writeLong(s.order());
                out.writeLong(s.version());
                out.writeLong(s.size());
                out.writeLong(s.firstStagedAt().toEpochMilli());
                out.writeLong(s.stagedAt().toEpochMilli());
                writeRefs(out, s.blocks());
            } else if (record instanceof JournalRecord.Release r) {
                writeName(out, r.deviceId(), r.name());
            } else if (record instanceof JournalRecord.Move m) {
                writeRefs(out, m.blocks());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a payload whose checksum already matched; a malformed one throws {@link IOException}. */
    static JournalRecord decode(byte type, byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        JournalRecord record = switch (type) {
            case STAGE -> {
                String device = in.readUTF();
                BlobName name = readName(in);
                yield new JournalRecord.Stage(device, name, in.readLong(), in.readLong(), in.readLong(),
                        Instant.ofEpochMilli(in.readLong()), Instant.ofEpochMilli(in.readLong()), readRefs(in));
            }
            case RELEASE -> new JournalRecord.Release(in.readUTF(), readName(in));
            case MOVE -> new JournalRecord.Move(readRefs(in));
            default -> throw new IOException("unknown journal record type " + type);
        };
        if (in.available() != 0) {
            throw new IOException("journal record of type " + type + " has " + in.available() + " trailing bytes");
        }
        return record;
    }

    private static void writeName(DataOutputStream out, String deviceId, BlobName name) throws IOException {
        out.writeUTF(deviceId);
        out.writeUTF(name.type().name());
        out.writeUTF(name.id());
    }

    private static BlobName readName(DataInputStream in) throws IOException {
        String type = in.readUTF();
        String id = in.readUTF();
        try {
            return BlobName.of(BlobType.valueOf(type), id);
        } catch (IllegalArgumentException e) {
            throw new IOException("journal names blob type '" + type + "' id '" + id + "', which is not valid", e);
        }
    }

    private static void writeRefs(DataOutputStream out, List<BlockRef> refs) throws IOException {
        out.writeInt(refs.size());
        ByteBuffer ref = ByteBuffer.allocate(BlockId.LENGTH + 20);
        for (BlockRef r : refs) {
            ref.clear();
            r.id().writeTo(ref);
            ref.putLong(r.location().segment()).putLong(r.location().offset()).putInt(r.location().length());
            out.write(ref.array());
        }
    }

    private static List<BlockRef> readRefs(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available() / (BlockId.LENGTH + 20)) {
            throw new IOException("journal record lists " + count + " blocks, more than it holds");
        }
        List<BlockRef> refs = new ArrayList<>(count);
        byte[] hash = new byte[BlockId.LENGTH];
        for (int i = 0; i < count; i++) {
            in.readFully(hash);
            refs.add(new BlockRef(BlockId.of(hash),
                    new BlockLocation(in.readLong(), in.readLong(), in.readInt())));
        }
        return refs;
    }
}
