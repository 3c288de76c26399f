package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.compress.Compressor;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.memory.MemoryBudget;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.restorer.ZeroBlocks;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;
import org.stowage.engine.internal.volume.BlockMap;
import org.stowage.engine.internal.volume.BlockMapPages;
import org.stowage.engine.internal.volume.BlockReader;
import org.stowage.engine.internal.volume.VolumeRecords;

/**
 * Backs up a volume (an image file or a block device) cut into fixed blocks: one reader (this thread) reads the
 * blocks in order into pooled direct buffers, the {@link BlobSaver}'s threads hash, compress, encrypt and store
 * them (the file pipeline's saving stage, so volumes are deduplicated and placed like files). An all-zero block is
 * recorded and not stored. Against a parent record a block with the same id keeps the generation that stored it.
 *
 * <p>Which blocks are read: all of them (a full backup, or a hash-comparison incremental that stores only what
 * changed, deduplication skipping the rest), or only those in {@code toRead} (tracked incremental: the others are
 * taken from the parent's record unread). Then the block-state record's pages, the root tree, flush, snapshot.
 *
 * <p><b>Failure</b>: whatever was saved is flushed (a re-run deduplicates against it) and the failure is thrown; no
 * snapshot is committed, since a record with missing blocks restores nothing useful. Memory: the repository's pack
 * buffers and, per saver thread, 3 buffers of one block and its scratch, as many threads as the {@link MemoryBudget}
 * grants; freed when the backup ends. One backup per instance at a time.
 */
public final class VolumeArchiver {

    private final Repository repository;
    private final int threads;

    public VolumeArchiver(Repository repository, int threads) {
        this.repository = repository;
        this.threads = Math.max(2, threads);
    }

    /**
     * Backs up volume {@code name} of {@code size} bytes and commits its snapshot.
     *
     * @param parent the volume's previous snapshot and record, or null for its first backup
     * @param toRead the blocks to read (the others equal the parent's record), or null to read every block
     */
    public VolumeBackupResult backup(String name, long size, int blockSize, BlockReader reader, Parent parent,
                                     BitSet toRead, String host, Set<String> tags, ProgressListener listener) {
        return backup(name, size, blockSize, reader, parent, toRead, false, host, tags, listener);
    }

    /**
     * As {@link #backup(String, long, int, BlockReader, Parent, BitSet, String, Set, ProgressListener)}; with
     * {@code full}, every block counts as stored by this snapshot (S4's "full": a complete copy), the parent only
     * continuing the generations.
     */
    public VolumeBackupResult backup(String name, long size, int blockSize, BlockReader reader, Parent parent,
                                     BitSet toRead, boolean full, String host, Set<String> tags,
                                     ProgressListener listener) {
        VolumeRecords.checkName(name);
        int generation = parent == null ? 1 : parent.record().generation() + 1;
        BlockMap previous = parent == null || full ? null : parent.record();
        if (toRead != null && (previous == null || previous.size() != size || previous.blockSize() != blockSize)) {
            throw new IllegalArgumentException("a tracked backup of volume '" + name + "' needs its parent's record of"
                    + " the same size and block size; back it up by hash comparison instead");
        }
        BlockMap map = new BlockMap(blockSize, size, generation);
        Instant start = Instant.now();
        ArchiveContext context = new ArchiveContext(repository, listener, SourceOpener.FILES);
        long perThread = 3L * blockSize + 2 * StoredForm.scratchBytes(blockSize) + Compressor.CONTEXT_BYTES;
        long packs = repository.saveMemory();
        try (Repository.Lease lease = repository.lockShared("backup of volume " + name);
             MemoryBudget.Grant memory = MemoryBudget.shared().admit("the backup of volume " + name,
                     packs + 2 * perThread, packs + threads * perThread)) {
            int workers = memory.threads(packs, perThread, threads);
            BufferPool pool = new BufferPool(3 * workers, blockSize);
            BlobSaver saver = new BlobSaver(repository, pool, context.stats, workers);
            long read;
            try {
                read = readBlocks(map, previous, toRead, reader, pool, saver, context);
            } catch (IOException | RuntimeException | InterruptedException e) {
                saver.close();
                pool.close();
                keepSaved(e);
                throw e;
            }
            saver.close();
            pool.close();
            BlobId head = BlockMapPages.save(repository, map, context.stats::saved);
            Node node = new Node(name, NodeType.VOLUME, 0600, start.toEpochMilli() * 1_000_000L, size, 0, 0, -1, -1,
                    null, null, List.of(), head, null, null);
            BlobId tree = saver.saveTree(new Tree(List.of(node)));
            repository.flush();
            lease.ensureHeld();
            Set<String> allTags = new LinkedHashSet<>(tags);
            allTags.add("volume");
            Duration took = Duration.between(start, Instant.now());
            Snapshot snapshot = new Snapshot(start, host, System.getProperty("user.name"),
                    List.of(VolumeRecords.path(name)), allTags, parent == null ? null : parent.snapshot().id(), tree,
                    context.stats.snapshot(took), null);
            SnapshotRecord record = new SnapshotRecord(repository.saveSnapshot(snapshot), snapshot);
            return new VolumeBackupResult(record, map, read, context.stats.bytesProcessed.sum(),
                    context.stats.blobsAdded.sum(), context.stats.bytesStored.sum(), took);
        } catch (IOException e) {
            throw new StowageException("backup of volume '" + name + "' failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StowageException("backup of volume '" + name + "' was interrupted", e);
        }
    }

    /** Flushes what a failed backup saved, so that a re-run deduplicates against it instead of storing it again. */
    private void keepSaved(Exception failure) {
        try {
            repository.flush();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private long readBlocks(BlockMap map, BlockMap previous, BitSet toRead, BlockReader reader, BufferPool pool,
                            BlobSaver saver, ArchiveContext context) throws IOException, InterruptedException {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long blocksRead = 0;
        long toReadCount = toRead == null ? map.blocks() : toRead.cardinality();
        long started = System.nanoTime();
        long reported = started;
        for (int i = 0; i < map.blocks(); i++) {
            if ((i & 255) == 0 && System.nanoTime() - reported > 200_000_000L) { // a live line, 5 times a second
                reported = System.nanoTime();
                context.listener.progress(new Progress("volume", blocksRead, toReadCount,
                        context.stats.bytesProcessed.sum(), toReadCount * map.blockSize(),
                        Duration.ofNanos(reported - started), "block " + i + " of " + map.blocks()));
            }
            if (toRead != null && !toRead.get(i)) {
                map.copy(i, previous);
                continue;
            }
            ByteBuffer buffer = pool.acquire().limit(map.length(i));
            try {
                reader.read(i, (long) i * map.blockSize(), buffer);
            } catch (IOException | RuntimeException e) {
                pool.release(buffer);
                throw e;
            }
            buffer.flip();
            blocksRead++;
            context.stats.bytesProcessed.add(buffer.remaining());
            if (ZeroBlocks.allZero(buffer)) {
                pool.release(buffer);
                map.set(i, null, previous != null && sameBlock(previous, map, i) && previous.isZero(i)
                        ? previous.storedIn(i) : map.generation());
                continue;
            }
            int block = i;
            pending.add(saver.saveChunk(buffer).thenAccept(id -> map.set(block, id,
                    previous != null && sameBlock(previous, map, block) && previous.sameContent(block, id)
                            ? previous.storedIn(block) : map.generation())));
            if (pending.size() >= 4096) {
                drain(pending);
            }
        }
        drain(pending);
        return blocksRead;
    }

    private static boolean sameBlock(BlockMap previous, BlockMap map, int i) {
        return previous.blockSize() == map.blockSize() && i < previous.blocks() && previous.length(i) == map.length(i);
    }

    private static void drain(List<CompletableFuture<?>> pending) throws IOException {
        try {
            for (CompletableFuture<?> f : pending) {
                f.join();
            }
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } finally {
            pending.clear();
        }
    }

    /** The volume's previous snapshot and the record it committed. */
    public record Parent(SnapshotRecord snapshot, BlockMap record) {
    }
}
