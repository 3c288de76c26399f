package org.stowage.engine.internal.pack;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.memory.DirectMemory;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;

/**
 * One pack being filled: stored blobs back to back in a direct buffer, then (at {@link #finish}) the sealed header
 * and its length as a big-endian u32. Not thread-safe: the {@link Packer} guards each one with its lane lock.
 */
final class PackBuilder {

    private final BlobKind kind;
    private final List<PackHeader.Entry> entries = new ArrayList<>();
    private ByteBuffer buffer;

    PackBuilder(BlobKind kind, ByteBuffer buffer) {
        this.kind = kind;
        this.buffer = buffer.clear();
    }

    /** Copies an encoded blob in; grows the buffer (a one-off allocation) when it does not fit. */
    void append(BlobId id, StoredForm.Encoded encoded) {
        ByteBuffer stored = encoded.stored().duplicate();
        ensureRoom(stored.remaining());
        entries.add(new PackHeader.Entry(kind, id, buffer.position(), stored.remaining(), encoded.plainLength(),
                encoded.compressed()));
        buffer.put(stored);
    }

    int count() {
        return entries.size();
    }

    List<PackHeader.Entry> entries() {
        return entries;
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /** Whether the pack, with its header, has reached {@code target} bytes. */
    boolean reached(int target) {
        return PackHeader.packSize(buffer.position(), entries.size()) >= target;
    }

    /** Appends the sealed header and its length; the pack's bytes are then {@code buffer()} from 0 to limit. */
    FinishedPack finish(StoredForm form) {
        ByteBuffer header = form.encode(ByteBuffer.wrap(new PackHeader(entries).toBytes()), Domain.PACK_HEADER)
                .stored();
        int length = header.remaining();
        ensureRoom(length + 4);
        buffer.put(header).putInt(length).flip();
        return new FinishedPack(kind, buffer, List.copyOf(entries));
    }

    private void ensureRoom(int bytes) {
        if (buffer.remaining() >= bytes) {
            return;
        }
        long needed = (long) buffer.position() + bytes;
        ByteBuffer bigger = DirectMemory.allocate(Math.toIntExact(Math.max(needed, buffer.capacity() * 3L / 2)));
        buffer.flip();
        bigger.put(buffer);
        DirectMemory.free(buffer);
        buffer = bigger;
    }

    /** A complete pack ready for upload. */
    record FinishedPack(BlobKind kind, ByteBuffer bytes, List<PackHeader.Entry> entries) {
    }
}
