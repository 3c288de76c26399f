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
        if (blobs.isEmpty()) {
            return;
        }
        List<PackedBlob> sorted = new ArrayList<>(blobs);
        sorted.sort(Comparator.comparingLong(PackedBlob::offset));
        String packId = sorted.get(0).packId();
        long start = sorted.get(0).offset();
        long end = start;
        for (PackedBlob blob : sorted) {
            if (!blob.packId().equals(packId)) {
                throw new IllegalArgumentException("loadBlobs needs blobs of one pack, got " + packId + " and "
                        + blob.packId());
            }
            end = Math.max(end, blob.offset() + blob.storedLength());
        }
        ByteBuffer run = read(sorted.get(0), ByteRange.of(start, end - start));
        for (PackedBlob blob : sorted) {
            int at = Math.toIntExact(blob.offset() - start);
            consumer.accept(blob, decode(blob, run.duplicate().position(at).limit(at + blob.storedLength())));
        }
    }

    private ByteBuffer read(PackedBlob blob, ByteRange range) throws IOException {
        try {
            return device.get(packName(blob), range);
        } catch (BlobNotFoundException e) {
            throw failure(blob, "the pack does not exist", e);
        }
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
