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
import org.stowage.api.repository.IntegrityException;
import org.stowage.engine.internal.crypto.BlobHasher;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.crypto.UndecodableException;
import org.stowage.engine.internal.placement.RepositoryDevices;

/**
 * Reads blobs from packs and verifies them: GCM tag, decompression, plaintext length and keyed hash against the id.
 * Never returns unverified data. Thread-safe.
 */
final class BlobReader {

    private final RepositoryDevices devices;
    private final StoredForm form;
    private final BlobHasher hasher;

    BlobReader(RepositoryDevices devices, StoredForm form, BlobHasher hasher) {
        this.devices = devices;
        this.form = form;
        this.hasher = hasher;
    }

    /** Reads and verifies the blob from the first copy of its pack that holds it intact. */
    ByteBuffer load(PackedBlob blob) throws IOException {
        ByteRange range = ByteRange.of(blob.offset(), blob.storedLength());
        try {
            return devices.readChecked(packName(blob), range,
                    (bytes, deviceId) -> decode(blob, whole(blob, range, bytes, deviceId), deviceId));
        } catch (BlobNotFoundException e) {
            throw failure(blob, devices.descriptor().id(), "the pack does not exist", e);
        }
    }

    /**
     * One ranged read over the run, then each blob decoded and handed over in offset order; a blob that fails
     * verification there is read again from the other copies ({@link #load}).
     */
    void loadRun(List<PackedBlob> blobs, Repository.BlobConsumer consumer) throws IOException {
        List<PackedBlob> sorted = new ArrayList<>(blobs);
        sorted.sort(Comparator.comparingLong(PackedBlob::offset));
        Run run = readRun(sorted, null);
        for (PackedBlob blob : sorted) {
            ByteBuffer plain;
            try {
                plain = decode(blob, run.stored(blob), run.deviceId);
            } catch (IntegrityException damaged) {
                plain = load(blob);
            }
            consumer.accept(blob, plain);
        }
    }

    /**
     * One ranged read over the run (blobs of one pack, any order); decoding is left to {@link Run#decodeInto}. The
     * bytes go into {@code buffer} (cleared first) when it is direct and large enough, else into a new buffer; the
     * run references them until the caller reuses the buffer.
     */
    Run readRun(List<PackedBlob> blobs, ByteBuffer buffer) throws IOException {
        if (blobs.isEmpty()) {
            return new Run(ByteBuffer.allocate(0), 0, 0, devices.descriptor().id());
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
        try {
            if (buffer == null || !buffer.isDirect() || buffer.capacity() < range.length()) {
                RepositoryDevices.Located read = devices.read(packName(first), range);
                return new Run(whole(first, range, read.bytes(), read.deviceId()), start, end, read.deviceId());
            }
            ByteBuffer into = buffer.clear();
            String deviceId = devices.readInto(packName(first), range, into);
            return new Run(into.flip(), start, end, deviceId);
        } catch (BlobNotFoundException e) {
            throw failure(first, devices.descriptor().id(), "the pack does not exist", e);
        }
    }

    /** A run's stored bytes, pack offsets [start, end). Immutable, so thread-safe. */
    final class Run implements StoredRun {
        private final ByteBuffer bytes;
        private final long start;
        private final long end;
        private final String deviceId;

        private Run(ByteBuffer bytes, long start, long end, String deviceId) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
            this.deviceId = deviceId;
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
            BlobReader.this.decodeInto(blob, stored(blob), out, deviceId);
        }
    }

    /** {@code bytes} if they are the whole range; a short read (truncated pack, cut-off transfer) is damage. */
    private ByteBuffer whole(PackedBlob blob, ByteRange range, ByteBuffer bytes, String deviceId) {
        if (bytes.remaining() != range.length()) {
            throw failure(blob, deviceId, "the device returned " + bytes.remaining() + " of the " + range.length()
                    + " bytes read at pack offset " + range.offset() + " (truncated pack or cut-off read)", null);
        }
        return bytes;
    }

    /** @param deviceId the device the stored bytes came from, for the message when they are damaged */
    ByteBuffer decode(PackedBlob blob, ByteBuffer stored, String deviceId) throws IntegrityException {
        ByteBuffer plain;
        try {
            plain = form.decode(stored, Domain.BLOB);
        } catch (UndecodableException e) {
            throw failure(blob, deviceId, e.getMessage(), e);
        }
        if (plain.remaining() != blob.plainLength()) {
            throw failure(blob, deviceId, "decoded to " + plain.remaining() + " bytes, the index says "
                    + blob.plainLength(), null);
        }
        if (!hasher.idOf(plain).equals(blob.id())) {
            throw failure(blob, deviceId, "its content does not hash to its id", null);
        }
        return plain;
    }

    /**
     * Decodes into {@code out} (from its position; advanced by the plaintext) with the same checks as
     * {@link #decode}, without a heap copy. On failure {@code out} may hold partial, unverified bytes.
     */
    void decodeInto(PackedBlob blob, ByteBuffer stored, ByteBuffer out, String deviceId) throws IntegrityException {
        if (out.remaining() < blob.plainLength()) {
            throw new IllegalArgumentException("buffer of " + out.remaining() + " bytes for blob of "
                    + blob.plainLength());
        }
        int at = out.position();
        int length;
        try {
            length = form.decodeInto(stored, Domain.BLOB, out.duplicate().limit(at + blob.plainLength()));
        } catch (UndecodableException e) {
            throw failure(blob, deviceId, e.getMessage(), e);
        }
        if (length != blob.plainLength()) {
            throw failure(blob, deviceId, "decoded to " + length + " bytes, the index says " + blob.plainLength(),
                    null);
        }
        if (!hasher.idOf(out.duplicate().limit(at + length)).equals(blob.id())) {
            throw failure(blob, deviceId, "its content does not hash to its id", null);
        }
        out.position(at + length);
    }

    private static IntegrityException failure(PackedBlob blob, String deviceId, String problem, Throwable cause) {
        return new IntegrityException(blob.kind().name().toLowerCase() + " blob " + blob.id().hex() + " in pack "
                + packName(blob) + " at offset " + blob.offset() + " on device '" + deviceId + "' fails "
                + "verification: " + problem + ". Run check --read-data; restore it from another copy or back up the "
                + "source again", cause);
    }

    private static BlobName packName(PackedBlob blob) {
        return BlobName.of(BlobType.DATA, blob.packId());
    }
}
