package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stowage.api.device.ByteRange;
import org.stowage.api.repository.RepositoryLockInfo;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * Repository operations that check, prune and the operator's administration (locks, keys) need and the backup path
 * does not. Thread-safe like {@link Repository}; the mutating ones ({@link #forgetPacks}, {@link #rewriteIndex}) must
 * only run under {@link #lockExclusive}.
 */
public interface Maintenance {

    /**
     * Takes the repository's lock exclusively: no backup, restore or check of this process runs while it is held,
     * and a lock blob on the device, refreshed while it is held, keeps other processes' out. Does not wait.
     *
     * @throws org.stowage.api.repository.RepositoryNotReadyException if a backup, restore, check or another
     *         exclusive operation holds the lock
     */
    Repository.Lease lockExclusive(String operation) throws IOException;

    /**
     * Refuses an operation that deletes metadata (prune) while a random-access device of the repository is not
     * available: the snapshots and index files it holds would come back with it.
     *
     * @throws org.stowage.api.repository.RepositoryNotReadyException naming the missing devices
     */
    void requireEveryMetadataDevice(String operation);

    /** Every lock blob on the device, oldest first. */
    List<RepositoryLockInfo> locks() throws IOException;

    /** Deletes the stale lock blobs, or every lock blob with {@code all}; returns those deleted. */
    List<RepositoryLockInfo> unlock(boolean all) throws IOException;

    /** The repository's keys (list, add, remove); no lock needed: key files are put atomically, read only at open. */
    KeyRing keys();

    /** Every pack the index knows, with its size on the device as the index records it. */
    Map<String, Long> indexedPacks();

    /** For each device, the bytes of the packs the index records a copy of there. */
    Map<String, Long> bytesByDevice();

    /** The devices the index says hold a copy of the pack; empty if it does not know the pack. */
    List<String> copiesOf(String packId);

    /** Where each pack is on the online devices now, as they list it: pack id to device id to size. */
    Map<String, Map<String, Long>> packCopies() throws IOException;

    /** The ids of the repository's devices that are online now, in configured order. */
    List<String> onlineDevices();

    /**
     * The whole pack, from the first copy whose bytes hash to its name (damaged copies are passed over).
     *
     * @throws org.stowage.api.repository.IntegrityException if no copy is intact
     */
    ByteBuffer readPack(String packId) throws IOException;

    /** Writes a copy of a pack (verified by the caller) to device {@code deviceId}; records nothing yet. */
    void writeCopy(String packId, String deviceId, ByteBuffer pack) throws IOException;

    /**
     * Records in a new index file that the packs {@code packIds} have copies on {@code deviceIds} (index files only
     * add locations; see design.md §6).
     */
    void recordCopies(Set<String> packIds, List<String> deviceIds) throws IOException;

    /**
     * Forgets in memory that {@code deviceIds} hold the pack; only under {@link #lockExclusive}, followed by
     * {@link #replaceIndex}.
     */
    void forgetCopies(String packId, List<String> deviceIds);

    /** Deletes the copy of a pack on one device; the caller has recorded durable copies elsewhere first. */
    void deleteCopy(String packId, String deviceId) throws IOException;

    /**
     * Writes index files for the whole in-memory index, then deletes every other index file, checking before each
     * deletion that {@code lease} (exclusive) is still held. Returns how many index files were deleted.
     */
    int replaceIndex(Repository.Lease lease) throws IOException;

    /**
     * Reads a range of one copy of a pack, the one device {@code deviceId} holds, into {@code out} (from its position,
     * which advances by the range's length).
     */
    void readCopy(String packId, String deviceId, ByteRange range, ByteBuffer out) throws IOException;

    /** Problems found while opening: unreadable index files, orphan packs with unreadable headers. */
    List<String> openProblems();

    /** The index files on the device. */
    List<String> indexFiles() throws IOException;

    /** The ids of all snapshot manifests on the device. */
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
     * Rebuilds the in-memory index from the device without {@code lostPacks}, packs that index files list but the
     * device no longer holds, so that a blob they held is located in another pack that holds it too, if any. Only
     * under {@link #lockExclusive}.
     */
    void reindexWithout(Set<String> lostPacks) throws IOException;

    /** Forgets packs in the in-memory index (their blobs count as not stored); the device is not touched. */
    void forgetPacks(Set<String> packIds);

    /**
     * Writes index files that list every pack and blob of the in-memory index, and returns their ids. The caller
     * may then delete all other index files.
     */
    List<String> rewriteIndex() throws IOException;
}
