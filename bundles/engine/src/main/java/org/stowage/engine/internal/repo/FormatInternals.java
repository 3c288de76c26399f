package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * The storage format below blobs-by-id, for check and prune: the index (what it lists, rewriting it, rebuilding it
 * without lost packs), the problems found at open, snapshot manifests one by one, pack headers and raw blob decoding.
 * Where pack copies are and moving their bytes is {@link PackCopies}' job.
 *
 * <p>Thread-safe like {@link Repository}. The methods that change the index ({@link #replaceIndex},
 * {@link #rewriteIndex}, {@link #reindexWithout}, {@link #forgetPacks}) must only run under
 * {@link Administration#lockExclusive}.
 */
public interface FormatInternals {

    /** Every pack the index knows, with its size on the devices as the index records it. */
    Map<String, Long> indexedPacks();

    /** Problems found while opening: unreadable index files, orphan packs with unreadable headers. */
    List<String> openProblems();

    /** The index files on the devices. */
    List<String> indexFiles() throws IOException;

    /** The ids of all snapshot manifests on the devices. */
    List<String> snapshotIds() throws IOException;

    /**
     * One snapshot manifest.
     *
     * @throws org.stowage.api.repository.IntegrityException if it does not decode
     * @throws org.stowage.api.repository.SnapshotNotFoundException if there is none with that id
     */
    SnapshotRecord loadSnapshot(String id) throws IOException;

    /**
     * The blobs that the header of a whole pack lists (the pack's bytes from position to limit, as read from device
     * {@code deviceId}).
     *
     * @throws org.stowage.api.repository.IntegrityException if the header does not decode
     */
    List<PackedBlob> readPackHeader(String packId, String deviceId, ByteBuffer pack) throws IOException;

    /**
     * Decodes the stored form of {@code blob} held in {@code stored} (position to limit, read from device
     * {@code deviceId}) into the caller's buffer {@code out} (direct; at least {@code blob.plainLength()} bytes
     * remaining) from its position, which advances by the plaintext's length, with every check that
     * {@link Repository#loadBlob} makes; no heap copy. Thread-safe when concurrent callers pass different buffers.
     * When this throws, {@code out} may hold partial, unverified bytes.
     *
     * @throws org.stowage.api.repository.IntegrityException if it fails verification
     */
    void decodeBlobInto(PackedBlob blob, String deviceId, ByteBuffer stored, ByteBuffer out) throws IOException;

    /**
     * Rebuilds the in-memory index from the devices without {@code lostPacks}, packs that index files list but no
     * device holds any more, so that a blob they held is located in another pack that holds it too, if any. Only
     * under {@link Administration#lockExclusive}.
     */
    void reindexWithout(Set<String> lostPacks) throws IOException;

    /**
     * Forgets packs in the in-memory index (their blobs count as not stored); the devices are not touched. Only under
     * {@link Administration#lockExclusive}, followed by {@link #replaceIndex}.
     */
    void forgetPacks(Set<String> packIds);

    /**
     * Writes index files that list every pack and blob of the in-memory index, and returns their ids. The caller
     * may then delete all other index files. Only under {@link Administration#lockExclusive}.
     */
    List<String> rewriteIndex() throws IOException;

    /**
     * Writes index files for the whole in-memory index ({@link #rewriteIndex}), then deletes every other index file,
     * checking before each deletion that {@code lease} (exclusive) is still held. Returns how many index files were
     * deleted.
     */
    int replaceIndex(Repository.Lease lease) throws IOException;
}
