package org.stowage.engine.internal.check;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.compress.Compressor;
import org.stowage.engine.internal.crypto.Sha256;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.memory.GrowingBuffer;
import org.stowage.engine.internal.memory.ThreadResources;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryConfig;

/**
 * Reads one whole pack and verifies it: its SHA-256 against its name (hashed straight from the device's buffer, no
 * copy), then every blob its header lists, decoded (GCM, zstd, length, keyed hash) into this thread's reusable
 * direct buffer, so no plaintext is copied to the heap.
 *
 * <p>Thread-safe: {@link #verify} may run on several threads at once (one pack buffer and one decode buffer per
 * thread, reused from pack to pack and freed with the thread's {@link ThreadResources}). Memory per thread: the
 * largest pack plus the largest blob, each {@link GrowingBuffer#rounded rounded up}.
 */
final class PackVerifier {

    private final Repository repo;
    private final ThreadLocal<Buffers> buffers = new ThreadLocal<>();

    PackVerifier(Repository repo) {
        this.repo = repo;
    }

    /**
     * What each verifying thread holds at most: a pack (pack size + largest blob + header), a decoded blob, its
     * scratch for the blob's opened form, and its zstd context.
     */
    static long memoryPerThread(RepositoryConfig config) {
        int pack = GrowingBuffer.rounded(config.packSize() + config.chunkMax() + (1 << 16));
        return (long) pack + GrowingBuffer.rounded(config.chunkMax()) + StoredForm.scratchBytes(config.chunkMax())
                + Compressor.CONTEXT_BYTES;
    }

    /** What one copy's verification found; {@code errors} are report lines, in blob order. */
    record Result(Checker.PackCopy copy, long bytesRead, long blobs, List<String> errors) {
    }

    /** Reads the copy from its device only, with the size the device lists. */
    Result verify(Checker.PackCopy copy) {
        String packId = copy.packId();
        String deviceId = copy.deviceId();
        long size = copy.size();
        BlobName name = BlobName.of(BlobType.DATA, packId);
        List<String> errors = new ArrayList<>();
        long bytesRead = 0;
        long blobs = 0;
        try {
            ByteBuffer pack = packBuffer(size);
            repo.copies().readCopy(packId, deviceId, ByteRange.of(0, size), pack);
            pack.flip();
            bytesRead = pack.remaining();
            if (!Sha256.hex(pack).equals(packId)) {
                errors.add("pack " + name + " on device '" + deviceId + "' does not hash to its name: it is corrupt");
            }
            for (PackedBlob blob : repo.format().readPackHeader(packId, deviceId, pack)) {
                if (decode(pack, blob, deviceId, errors)) {
                    blobs++;
                }
            }
        } catch (StowageException | IOException e) {
            errors.add(e.getMessage());
        }
        return new Result(copy, bytesRead, blobs, errors);
    }

    private boolean decode(ByteBuffer pack, PackedBlob blob, String deviceId, List<String> errors) {
        if (blob.offset() < 0 || blob.storedLength() < 0 || blob.plainLength() < 0
                || blob.offset() + blob.storedLength() > pack.remaining()) {
            errors.add("pack data/" + blob.packId() + " on device '" + deviceId + "' lists blob " + blob.id().hex()
                    + " at [" + blob.offset() + ", +" + blob.storedLength() + ") outside its " + pack.remaining()
                    + " bytes");
            return false;
        }
        try {
            int at = (int) blob.offset();
            repo.format().decodeBlobInto(blob, deviceId,
                    pack.duplicate().position(at).limit(at + blob.storedLength()), buffer(blob.plainLength()));
            return true;
        } catch (StowageException | IOException e) {
            errors.add(e.getMessage());
            return false;
        }
    }

    /** This thread's pack buffer, cleared, limited to {@code size}. */
    private ByteBuffer packBuffer(long size) {
        return threadBuffers().pack.take(Math.toIntExact(size));
    }

    /** This thread's decode buffer, cleared, limited to {@code size}. */
    private ByteBuffer buffer(int size) {
        return threadBuffers().decoded.take(size);
    }

    private Buffers threadBuffers() {
        return ThreadResources.get(buffers, Buffers::new, Buffers::free);
    }

    /** One verifying thread's buffers. */
    private static final class Buffers {
        final GrowingBuffer pack = new GrowingBuffer();
        final GrowingBuffer decoded = new GrowingBuffer();

        void free() {
            pack.free();
            decoded.free();
        }
    }
}
