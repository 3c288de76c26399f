package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobNotFoundException;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;
import org.stowage.api.repository.IntegrityException;
import org.stowage.engine.internal.crypto.BlobHasher;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;

/**
 * Reads blobs from packs and verifies them: GCM tag, decompression, plaintext length and keyed hash against the id.
 * Never returns unverified data. Thread-safe.
 */
final class BlobReader {

    private final Device device;
    private final StoredForm form;
    private final BlobHasher hasher;

    BlobReader(Device device, StoredForm form, BlobHasher hasher) {
        this.device = device;
        this.form = form;
        this.hasher = hasher;
    }

    ByteBuffer load(PackedBlob blob) throws IOException {
        return decode(blob, read(blob, ByteRange.of(blob.offset(), blob.storedLength())));
    }

    /** One ranged read over the run, then each blob decoded and handed over in offset order. */
    void loadRun(List<PackedBlob> blobs, Repository.BlobConsumer consumer) throws IOException {
        List<PackedBlob> sorted = new ArrayList<>(blobs);
        sorted.sort(Comparator.comparingLong(PackedBlob::offset));
        Run run = readRun(sorted, null);
        for (PackedBlob blob : sorted) {
            consumer.accept(blob, decode(blob, run.stored(blob)));
        }
    }

    /**
     * One ranged read over the run (blobs of one pack, any order); decoding is left to {@link Run#decodeInto}. The
     * bytes go into {@code buffer} (cleared first) when it is direct and large enough, else into a new buffer; the
     * run references them until the caller reuses the buffer.
     */
    Run readRun(List<PackedBlob> blobs, ByteBuffer buffer) throws IOException {
        if (blobs.isEmpty()) {
            return new Run(ByteBuffer.allocate(0), 0, 0);
        }
        String packId = blobs.get(0).packId();
        PackedBlob first = blobs.get(0);
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (PackedBlob blob : blobs) {
            if (!blob.packId().equals(packId)) {
                throw new IllegalArgumentException("loadBlobs needs blobs of one pack, got " + packId + " and "
                        + blob.packId());
            }
            if (blob.offset() < start) {
                start = blob.offset();
                first = blob;
            }
            end = Math.max(end, blob.offset() + blob.storedLength());
        }
        ByteRange range = ByteRange.of(start, end - start);
        if (buffer == null || !buffer.isDirect() || buffer.capacity() < range.length()) {
            return new Run(read(first, range), start, end);
        }
        ByteBuffer into = buffer.clear();
        try {
            device.get(packName(first), range, into);
        } catch (BlobNotFoundException e) {
            throw failure(first, "the pack does not exist", e);
        }
        return new Run(into.flip(), start, end);
    }

    /** A run's stored bytes, pack offsets [start, end). Immutable, so thread-safe. */
    final class Run implements StoredRun {
        private final ByteBuffer bytes;
        private final long start;
        private final long end;

        private Run(ByteBuffer bytes, long start, long end) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
        }

        ByteBuffer stored(PackedBlob blob) {
            if (blob.offset() < start || blob.offset() + blob.storedLength() > end) {
                throw new IllegalArgumentException("blob at [" + blob.offset() + ", +" + blob.storedLength()
                        + ") is not in the run [" + start + ", " + end + ")");
            }
            int at = Math.toIntExact(blob.offset() - start);
            return bytes.duplicate().position(at).limit(at + blob.storedLength());
        }

        @Override
        public void decodeInto(PackedBlob blob, ByteBuffer out) throws IOException {
            BlobReader.this.decodeInto(blob, stored(blob), out);
        }
    }

    /** The stored bytes of {@code range}; a short read (truncated pack, cut-off transfer) is an integrity error. */
    private ByteBuffer read(PackedBlob blob, ByteRange range) throws IOException {
        ByteBuffer bytes;
        try {
            bytes = device.get(packName(blob), range);
        } catch (BlobNotFoundException e) {
            throw failure(blob, "the pack does not exist", e);
        }
        if (bytes.remaining() != range.length()) {
            throw failure(blob, "the device returned " + bytes.remaining() + " of the " + range.length()
                    + " bytes read at pack offset " + range.offset() + " (truncated pack or cut-off read)", null);
        }
        return bytes;
    }

    ByteBuffer decode(PackedBlob blob, ByteBuffer stored) throws IntegrityException {
        ByteBuffer plain;
        try {
            plain = form.decode(stored, Domain.BLOB);
        } catch (UndecodableException e) {
            throw failure(blob, e.getMessage(), e);
        }
        if (plain.remaining() != blob.plainLength()) {
            throw failure(blob, "decoded to " + plain.remaining() + " bytes, the index says " + blob.plainLength(),
                    null);
        }
        if (!hasher.idOf(plain).equals(blob.id())) {
            throw failure(blob, "its content does not hash to its id", null);
        }
        return plain;
    }

    /**
     * Decodes into {@code out} (from its position; advanced by the plaintext) with the same checks as
     * {@link #decode}, without a heap copy. On failure {@code out} may hold partial, unverified bytes.
     */
    void decodeInto(PackedBlob blob, ByteBuffer stored, ByteBuffer out) throws IntegrityException {
        if (out.remaining() < blob.plainLength()) {
            throw new IllegalArgumentException("buffer of " + out.remaining() + " bytes for blob of "
                    + blob.plainLength());
        }
        int at = out.position();
        int length;
        try {
            length = form.decodeInto(stored, Domain.BLOB, out.duplicate().limit(at + blob.plainLength()));
        } catch (UndecodableException e) {
            throw failure(blob, e.getMessage(), e);
        }
        if (length != blob.plainLength()) {
            throw failure(blob, "decoded to " + length + " bytes, the index says " + blob.plainLength(), null);
        }
        if (!hasher.idOf(out.duplicate().limit(at + length)).equals(blob.id())) {
            throw failure(blob, "its content does not hash to its id", null);
        }
        out.position(at + length);
    }

    private IntegrityException failure(PackedBlob blob, String problem, Throwable cause) {
        return new IntegrityException(blob.kind().name().toLowerCase() + " blob " + blob.id().hex() + " in pack "
                + packName(blob) + " at offset " + blob.offset() + " on device '" + device.descriptor().id()
                + "' fails verification: " + problem + ". Run check --read-data; restore it from another copy "
                + "or back up the source again", cause);
    }

    private static BlobName packName(PackedBlob blob) {
        return BlobName.of(BlobType.DATA, blob.packId());
    }
}
