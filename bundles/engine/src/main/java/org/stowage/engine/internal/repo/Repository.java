package org.stowage.engine.internal.repo;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * An open, unlocked repository: content-addressed, deduplicated, compressed and encrypted blobs in packs on one or
 * more devices, an index of where each blob is, and snapshot manifests. This is the seam between the storage format
 * (packs, index, keys; see docs/design.md) and the backup model (chunker, archiver, restorer), which only sees
 * blobs by id. Code that works on packs themselves reaches their copies through {@link #copies()}, never through a
 * device.
 *
 * <p><b>Thread safety:</b> every method may be called from several threads at once. {@link #saveBlob} is meant to
 * be called from all the archiver's workers in parallel: compression and encryption run in the calling thread, and
 * the call blocks when the bounded upload queue is full (back pressure, bounded memory).
 *
 * <p><b>Durability order:</b> a saved blob is durable only after {@link #flush()} returned: its pack is on its
 * devices and an index file lists it. Snapshots are saved after flush; {@link #saveSnapshot} refuses to run while
 * blobs are pending, so a snapshot never references data that is not durable.
 */
public interface Repository extends Closeable {

    /** The repository's parameters (id, chunker, pack size, compression). */
    RepositoryConfig config();

    /**
     * The most the buffers of blobs being saved hold at once (the packs open, queued and uploading), whatever the
     * number of savers: what an operation that saves counts against the {@code MemoryBudget} beside its own.
     */
    long saveMemory();

    /**
     * The id of the repository's first configured device: what messages name for where the repository is. Deliberately
     * not the {@code Device} itself: packs are reached through {@link #copies()} and metadata through the other
     * methods, so that no caller assumes the repository lives on one device.
     */
    String firstDeviceId();

    /** The keyed SHA-256 of {@code plaintext} (position to limit; the position is not changed). */
    BlobId blobId(ByteBuffer plaintext);

    /** Whether a blob is stored or pending in this session. */
    boolean contains(BlobKind kind, BlobId id);

    /**
     * Stores a blob unless it is already stored or pending. Compresses (when that shrinks it) and encrypts in the
     * calling thread, adds it to an open pack, and queues full packs for upload. Does not retain {@code plaintext}
     * after returning.
     *
     * @param id the blob's id as computed by {@link #blobId}; the caller vouches for it
     */
    SaveResult saveBlob(BlobKind kind, BlobId id, ByteBuffer plaintext) throws IOException;

    /**
     * Loads a blob: finds it in the index, reads its stored form, authenticates and decrypts it, decompresses it and
     * checks that its keyed hash equals {@code id}. Never returns unverified data.
     *
     * @throws org.stowage.api.repository.IntegrityException if the blob is missing or fails verification
     */
    ByteBuffer loadBlob(BlobKind kind, BlobId id) throws IOException;

    /** Where a blob is stored, if the index knows it. */
    Optional<PackedBlob> lookup(BlobKind kind, BlobId id);

    /**
     * Reads the stored bytes of a run of blobs in one pack with one ranged read, then decodes (verifies, decrypts,
     * decompresses) each one and hands it to {@code consumer} in offset order. The blobs must be in the same pack.
     * Used by the restorer to read packs sequentially.
     */
    void loadBlobs(List<PackedBlob> blobsInOnePack, BlobConsumer consumer) throws IOException;

    /**
     * Reads the stored bytes of a run of blobs in one pack with one ranged read; nothing is decoded yet. Each blob
     * is then decoded and verified by {@link StoredRun#decodeInto}, possibly on several threads, into the caller's
     * direct buffers: the bulk read path of restore, without a heap copy per blob. The default, for repositories
     * without packs, loads each blob at decode time.
     *
     * @param blobsInOnePack blobs of one pack, any order
     */
    default StoredRun readRun(List<PackedBlob> blobsInOnePack) throws IOException {
        return (blob, out) -> out.put(loadBlob(blob.kind(), blob.id()));
    }

    /**
     * {@link #readRun(List)} into the caller's {@code buffer} (cleared first) when it is direct and holds the run;
     * else into a new buffer. The run references the buffer's bytes: do not reuse the buffer until every blob of the
     * run is decoded. Lets the restorer read all packs through two buffers instead of allocating one per run.
     */
    default StoredRun readRun(List<PackedBlob> blobsInOnePack, ByteBuffer buffer) throws IOException {
        return readRun(blobsInOnePack);
    }

    /** Writes all open packs, waits for every upload, then writes an index file for them. */
    void flush() throws IOException;

    /** Saves a snapshot manifest after {@link #flush()} and returns its id. */
    String saveSnapshot(Snapshot snapshot) throws IOException;

    /** Every snapshot, oldest first. */
    List<SnapshotRecord> snapshots() throws IOException;

    /** Deletes a snapshot manifest. Its data stays until prune. */
    void deleteSnapshot(String id) throws IOException;

    /** Visits every blob the index knows. */
    void forEachIndexed(Consumer<PackedBlob> visitor);

    /**
     * Takes the repository's shared lock for one backup session (first {@link #saveBlob} through
     * {@link #saveSnapshot}); close the lease when the session ends, also on failure. Prune holds the lock
     * exclusively, so a prune never deletes a pack that a running backup deduplicated against. Does not wait.
     *
     * @param operation what takes the lock, for messages (e.g. {@code backup of job nightly})
     * @throws org.stowage.api.repository.RepositoryNotReadyException if a prune holds the lock (in this process, or
     *         in another process by a fresh lock blob on the device)
     */
    Lease lockShared(String operation) throws IOException;

    /**
     * Takes the repository's shared lock for an operation that only reads (restore, check), so that no prune deletes
     * what it reads; close the lease when it ends. Unlike {@link #lockShared}, a device that refuses the lock blob (a
     * read-only medium) does not stop it: the operation then holds the lock in this process only (logged). Does not
     * wait.
     *
     * @param operation what takes the lock, for messages (e.g. {@code restore of snapshot 1a2b3c4d})
     * @throws org.stowage.api.repository.RepositoryNotReadyException if a prune holds the lock
     */
    Lease lockForReading(String operation) throws IOException;

    /**
     * Why this instance can store nothing more, or empty while it can: a pack upload failed (the failure is sticky,
     * so that no later flush makes a snapshot of a run that lost blobs look complete) or it was closed. Its owner
     * then opens the repository again; reading through this instance still works.
     */
    Optional<String> brokenReason();

    /**
     * This repository with another placement for the blobs saved through the returned one (a backup that narrows the
     * devices or chooses its own selector or copies); index, lock and snapshots are shared. Close it when the backup
     * ends: that closes only what it added.
     *
     * @throws org.stowage.api.repository.StowageException if the override names a device that is not a member
     */
    default Repository withPlacement(org.stowage.api.repository.PlacementOverride override) {
        throw new UnsupportedOperationException("this repository has one placement only");
    }

    /** The operator's tasks: the exclusive lock (prune, move), the lock blobs, the keys. */
    /**
     * The progress records of backups from replicas, readable by every process using the repository (docs/design.md
     * §14a).
     */
    default CheckpointStore checkpoints() {
        throw new UnsupportedOperationException("this repository keeps no checkpoints");
    }

    Administration administration();

    /** Where the copies of each pack are, and reading, writing and deleting one (restore order, check, prune, copy). */
    PackCopies copies();

    /** The format below blobs-by-id (index rewrites, pack headers, raw decoding, manifests) for check and prune. */
    FormatInternals format();

    /** A held lock. {@link #close} releases it and is idempotent. */
    interface Lease extends Closeable {

        /**
         * Call before each step that relies on the lock (committing a snapshot, deleting data).
         *
         * @throws RepositoryNotReadyException if other processes may no longer see the lock (it could not be
         *                                     refreshed on the device for too long)
         * @throws IllegalStateException       if the lease was closed
         */
        void ensureHeld() throws RepositoryNotReadyException;
    }

    /** Receives one decoded blob of {@link #loadBlobs}. */
    @FunctionalInterface
    interface BlobConsumer {
        void accept(PackedBlob blob, ByteBuffer plaintext) throws IOException;
    }
}
