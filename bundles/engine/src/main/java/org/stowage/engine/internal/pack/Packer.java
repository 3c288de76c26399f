package org.stowage.engine.internal.pack;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.Sha256;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.index.MasterIndex;
import org.stowage.engine.internal.index.PackRecord;
import org.stowage.engine.internal.memory.DirectMemory;
import org.stowage.engine.internal.memory.WorkerThreads;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.SaveResult;

/**
 * Packs blobs and uploads packs. {@link #save} is called from many threads at once: it encodes (compress + encrypt)
 * in the calling thread, then copies the stored form into the open pack of its kind under that kind's lock (a
 * memcpy). Full packs go to the uploader threads: {@link #uploadersFor one per device} the packs are spread over,
 * plus one, at least {@value #MIN_UPLOADERS} and at most {@value #MAX_UPLOADERS}. An upload holds its uploader until
 * the pack is on its devices, so a pack on a slow device holds one for the whole slow write; with one uploader per
 * device every device can have a write in flight whatever the others do, and the extra one hashes the next pack and
 * asks the selector while they write.
 *
 * <p><b>Memory bound:</b> every pack, open or uploading, holds one of {@link #maxPacks()} permits (one open pack
 * per kind, one per uploader, {@value #QUEUED} waiting). A saver that needs a new pack blocks until an upload
 * finishes: back pressure. Pack buffers thus take at most that many × (pack size + largest blob + header): 6 packs
 * for one device, {@value #MAX_PACKS_BOUND} at most.
 *
 * <p><b>Dedup:</b> a blob is added only if it is neither indexed nor pending; the pending set is updated atomically,
 * so concurrent saves of one id store it once. A blob leaves the pending set only after its pack is in the index.
 *
 * <p><b>Failures</b> are sticky: after an upload fails, every {@link #save} and {@link #finishAndWait} throws an
 * exception naming the device and the pack. The instance cannot recover; reopen the repository. {@link #close}
 * counts as a failure for callers still saving.
 */
public final class Packer {

    /** Uploaders of a packer whose packs go to one device. */
    static final int MIN_UPLOADERS = 2;
    /** Uploaders at most, however many devices: bounds the memory of a repository over many devices. */
    static final int MAX_UPLOADERS = 8;
    static final int QUEUED = 2;
    /**
     * A new tree pack's buffer, when no free one is at hand; it grows as the pack fills. Trees fill a pack slowly
     * (one per directory, a few hundred bytes each) and the open tree pack lives through the whole backup, while a
     * direct buffer is resident in full from its allocation (the JDK zeroes it): a data pack's buffer would hold
     * some 20 MiB of the host's memory for a few hundred KiB of trees.
     */
    static final int TREE_PACK_START = 1 << 20;
    /** Open packs: one per blob kind. */
    static final int OPEN = 2;
    static final int MAX_PACKS_BOUND = OPEN + MAX_UPLOADERS + QUEUED;
    private static final long UPLOADER_IDLE_SECONDS = 30;

    private final PackWriter writer;
    private final String where;
    private final List<String> members;
    private final StoredForm form;
    private final MasterIndex index;
    private final int packSize;
    private final int bufferCapacity;
    private final Map<BlobKind, Lane> lanes = new EnumMap<>(BlobKind.class);
    private final int uploaderCount;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<ByteBuffer> freeBuffers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Future<?>> uploads = new ConcurrentLinkedQueue<>();
    private final Map<String, PackRecord> unindexed = new ConcurrentHashMap<>();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final ExecutorService uploaders;

    /**
     * @param writer      writes finished packs to the repository's devices
     * @param members     the repository's devices: a blob counts as stored only in a pack one of them holds
     * @param largestBlob the largest plaintext blob expected (the chunker's maximum); larger ones still work but
     *                    cost a one-off buffer
     * @param uploaders   uploader threads, {@link #uploadersFor} the devices the data packs are spread over
     */
    public Packer(PackWriter writer, List<String> members, StoredForm form, MasterIndex index, int packSize,
                  int largestBlob, int uploaders) {
        if (uploaders < 1) {
            throw new IllegalArgumentException("a packer needs at least one uploader: " + uploaders);
        }
        this.uploaderCount = uploaders;
        this.permits = new Semaphore(OPEN + uploaders + QUEUED);
        this.writer = writer;
        this.members = List.copyOf(members);
        this.where = String.join("+", members);
        this.form = form;
        this.index = index;
        this.packSize = packSize;
        this.bufferCapacity = packSize + largestBlob + (largestBlob >> 6) + (1 << 16);
        for (BlobKind kind : BlobKind.values()) {
            lanes.put(kind, new Lane());
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(uploaders, uploaders, UPLOADER_IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), WorkerThreads.named("stowage-upload-" + where + "-"));
        pool.allowCoreThreadTimeOut(true); // an idle repository keeps no uploader (nor its scratch memory)
        this.uploaders = pool;
    }

    /** Whether the blob is in a pack that one of the repository's devices holds ({@link MasterIndex#storedOn}). */
    public boolean isStored(BlobKind kind, BlobId id) {
        return index.storedOn(kind, id, members);
    }

    /**
     * The uploaders for a packer whose data packs are spread over {@code devices} devices: one per device plus one,
     * at least {@value #MIN_UPLOADERS} (one device: as many as it takes writes in flight by default), at most
     * {@value #MAX_UPLOADERS}.
     */
    public static int uploadersFor(int devices) {
        return Math.max(MIN_UPLOADERS, Math.min(MAX_UPLOADERS, devices + 1));
    }

    /** How many packs, open, waiting or uploading, this packer holds at most (its memory bound). */
    public int maxPacks() {
        return OPEN + uploaderCount + QUEUED;
    }

    /** The most its pack buffers take at once: {@link #maxPacks} buffers of pack size + largest blob + header. */
    public long bufferBytes() {
        return (long) maxPacks() * bufferCapacity;
    }

    /** Whether {@code id} is pending: saved but not yet in an uploaded pack. */
    public boolean isPending(BlobKind kind, BlobId id) {
        return lanes.get(kind).pending.contains(id);
    }

    /** Whether anything saved is not yet durable and indexed: pending blobs or packs without an index file. */
    public boolean hasUnflushed() {
        return !unindexed.isEmpty() || lanes.values().stream().anyMatch(l -> !l.pending.isEmpty());
    }

    public SaveResult save(BlobKind kind, BlobId id, ByteBuffer plaintext) throws IOException {
        throwIfFailed();
        Lane lane = lanes.get(kind);
        if (isStored(kind, id) || !lane.pending.add(id)) {
            return SaveResult.KNOWN;
        }
        if (isStored(kind, id)) {
            // its pack was indexed between the first check and add(): drop our claim
            lane.pending.remove(id);
            return SaveResult.KNOWN;
        }
        boolean appended = false;
        try {
            StoredForm.Encoded encoded = form.encode(plaintext, Domain.BLOB);
            int storedLength = encoded.stored().remaining();
            appended = append(lane, kind, id, encoded);
            return new SaveResult(true, storedLength);
        } finally {
            if (!appended) {
                lane.pending.remove(id);
            }
        }
    }

    private boolean append(Lane lane, BlobKind kind, BlobId id, StoredForm.Encoded encoded) throws IOException {
        lane.lock.lock();
        try {
            if (lane.open == null) {
                lane.open = new PackBuilder(kind, takeBuffer(kind));
            }
            lane.open.append(id, encoded);
            if (lane.open.reached(packSize)) {
                submit(lane.open.finish(form));
                lane.open = null;
            }
            return true;
        } finally {
            lane.lock.unlock();
        }
    }

    /**
     * Finishes the open packs, waits for every upload, and returns the uploaded packs that no index file lists yet
     * (the caller writes one, then calls {@link #markIndexed}).
     *
     * @throws IOException the first upload failure, naming device and pack
     */
    public List<PackRecord> finishAndWait() throws IOException {
        for (Map.Entry<BlobKind, Lane> entry : lanes.entrySet()) {
            Lane lane = entry.getValue();
            lane.lock.lock();
            try {
                if (lane.open != null) {
                    submit(lane.open.finish(form));
                    lane.open = null;
                }
            } finally {
                lane.lock.unlock();
            }
        }
        awaitUploads();
        freeIdleBuffers();
        throwIfFailed();
        return new ArrayList<>(unindexed.values());
    }

    /**
     * Sets the packs that are on the device but in no index file (re-indexed orphans, at open or when the index was
     * rebuilt after another process pruned): the next flush lists them. Packs this set held before and that are not
     * in {@code packs} are gone from the device or listed by an index file now.
     */
    public void replaceUnindexed(List<PackRecord> packs) {
        unindexed.clear();
        packs.forEach(p -> unindexed.put(p.id(), p));
    }

    /** Records that an index file lists these packs. */
    public void markIndexed(List<PackRecord> packs) {
        packs.forEach(p -> unindexed.remove(p.id()));
    }

    /**
     * Discards the open packs (their blobs were never durable), waits for uploads in flight and stops the
     * uploaders. Returns how many saved blobs were not durable and indexed (open packs, failed uploads, packs
     * without an index file).
     */
    public int close() throws IOException {
        // a backup may still be saving (the device left and the repository was closed under it): it must fail
        // with this reason rather than flush a packer whose open packs are gone
        fail(new IOException("the repository on device '" + where + "' was closed while "
                + "blobs were being saved (its device was removed, e.g. the driver bundle stopped, or Stowage is "
                + "stopping); nothing more is recorded by this run: run it again once the device is back"));
        int lost = 0;
        for (Lane lane : lanes.values()) {
            lane.lock.lock();
            try {
                if (lane.open != null) {
                    lost += lane.open.count();
                    releaseBuffer(lane.open.buffer());
                    lane.open = null;
                }
            } finally {
                lane.lock.unlock();
            }
        }
        try {
            awaitUploads();
        } finally {
            uploaders.shutdown();
            freeIdleBuffers();
        }
        for (PackRecord pack : unindexed.values()) {
            lost += pack.blobs().size();
        }
        return lost;
    }

    private void awaitUploads() throws InterruptedIOException {
        for (Future<?> upload = uploads.poll(); upload != null; upload = uploads.poll()) {
            try {
                upload.get();
            } catch (InterruptedException e) {
                uploads.add(upload);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for pack uploads to device '"
                        + where + "'");
            } catch (ExecutionException e) {
                fail(new IOException("pack upload to device '" + where + "' failed: "
                        + e.getCause(), e.getCause()));
            }
        }
    }

    private void submit(PackBuilder.FinishedPack pack) {
        uploads.add(uploaders.submit(() -> upload(pack)));
    }

    private void upload(PackBuilder.FinishedPack pack) {
        ByteBuffer bytes = pack.bytes();
        String packId = Sha256.hex(bytes);
        BlobName name = BlobName.of(BlobType.DATA, packId);
        try {
            List<String> devices = writer.write(name, bytes, pack.kind());
            List<PackedBlob> blobs = pack.entries().stream().map(e -> e.in(packId)).toList();
            PackRecord record = new PackRecord(packId, bytes.remaining(), devices, blobs);
            unindexed.put(packId, record);
            index.add(record);
        } catch (IOException | RuntimeException e) {
            fail(new IOException("upload of pack " + name + " (" + pack.entries().size() + " "
                    + pack.kind().name().toLowerCase() + " blobs, " + bytes.remaining() + " bytes) to device '"
                    + where + "' failed: " + e.getMessage()
                    + "; its blobs are not stored, run the backup again once the device works", e));
        } finally {
            Set<BlobId> pending = lanes.get(pack.kind()).pending;
            pack.entries().forEach(e -> pending.remove(e.id()));
            releaseBuffer(bytes);
        }
    }

    private ByteBuffer takeBuffer(BlobKind kind) throws InterruptedIOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a free pack buffer (uploads to device '"
                    + where + "' are behind)");
        }
        ByteBuffer buffer = freeBuffers.poll();
        if (buffer != null) {
            return buffer;
        }
        return DirectMemory.allocate(kind == BlobKind.DATA ? bufferCapacity
                : Math.min(TREE_PACK_START, bufferCapacity));
    }

    private void releaseBuffer(ByteBuffer buffer) {
        if (buffer.capacity() == bufferCapacity) {
            freeBuffers.add(buffer.clear());
        } else {
            DirectMemory.free(buffer); // grown for an outsized blob: a one-off
        }
        permits.release();
    }

    /**
     * Frees the pack buffers no pack uses: when saving pauses (a flush ends every operation that saves), a
     * repository that sits idle between backups holds none. The next save allocates afresh.
     */
    private void freeIdleBuffers() {
        for (ByteBuffer buffer = freeBuffers.poll(); buffer != null; buffer = freeBuffers.poll()) {
            DirectMemory.free(buffer);
        }
    }

    private void fail(IOException e) {
        if (!failure.compareAndSet(null, e)) {
            failure.get().addSuppressed(e);
        }
    }

    /** The first failure (an upload, or {@link #close}), after which this packer accepts nothing. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure.get());
    }

    private void throwIfFailed() throws IOException {
        IOException e = failure.get();
        if (e != null) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** One blob kind's open pack and pending ids. */
    private static final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        final Set<BlobId> pending = ConcurrentHashMap.newKeySet();
        PackBuilder open;
    }
}
