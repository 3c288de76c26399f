package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.memory.WorkerThreads;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.PackedBlob;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.restorer.ZeroBlocks;

/**
 * Writes a volume's image at a snapshot to a file or a block device. A new file is created sparse and gets only the
 * non-zero blocks; onto an existing image or device, each block is read and compared first (its keyed hash with the
 * record's id, or all-zero) and only blocks that differ are written, so restoring a few changed blocks costs reading
 * the target and writing those blocks. The blocks to write are read pack by pack in offset order (one ranged read
 * per run of up to 32 MiB, every blob verified by {@link Repository#loadBlobs}), and a block content that occurs
 * several times is read once. A regular file is set to the volume's length; a device must be at least as large.
 * Comparing and loading run on {@code threads} threads; the target is forced before returning.
 */
public final class VolumeRestorer {

    private static final int RUN = 256;
    /** Longest ranged read: as the file restorer's runs (32 MiB), so memory is threads x 32 MiB at most. */
    private static final long MAX_RUN = 32L << 20;
    private final Repository repository;
    private final int threads;

    public VolumeRestorer(Repository repository, int threads) {
        this.repository = repository;
        this.threads = Math.max(1, threads);
    }

    /** Restores {@code record} to {@code target}; returns what was written and what was already equal. */
    public Result restore(BlockMap record, Path target) throws IOException {
        boolean fresh = !Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (fresh) {
            Files.createFile(target);
        } else if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && !VolumeFile.isBlockDevice(target)) {
            throw new StowageException("cannot restore a volume onto " + target + ": it is neither a regular file nor a"
                    + " block device; name a new file, an image or a device");
        }
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            try (RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw")) {
                file.setLength(record.size()); // extends sparse, or cuts what the volume does not have
            }
        }
        AtomicLong written = new AtomicLong();
        AtomicLong equal = new AtomicLong();
        try (VolumeFile out = VolumeFile.open(target, true)) {
            if (out.size() < record.size()) {
                throw new StowageException("cannot restore volume of " + record.size() + " bytes onto " + target
                        + ": it holds only " + out.size() + " bytes");
            }
            WorkerThreads workers = WorkerThreads.named("stowage-volume-restorer-");
            ExecutorService pool = Executors.newFixedThreadPool(threads, workers);
            try {
                BitSet needed = fresh ? nonZero(record) : compare(record, out, pool, written, equal);
                writeInPackOrder(record, needed, out, pool, written);
            } finally {
                workers.stop(pool);
            }
            out.channel().force(true);
        }
        return new Result(written.get(), equal.get());
    }

    private static BitSet nonZero(BlockMap record) {
        BitSet needed = new BitSet(record.blocks());
        for (int i = 0; i < record.blocks(); i++) {
            if (!record.isZero(i)) {
                needed.set(i);
            }
        }
        return needed;
    }

    /**
     * Reads the target and returns the blocks whose content differs from the record's; blocks that should be zero
     * are zeroed right away (nothing to read for them).
     */
    private BitSet compare(BlockMap record, VolumeFile out, ExecutorService pool, AtomicLong written,
                           AtomicLong equal) throws IOException {
        BitSet needed = new BitSet(record.blocks());
        List<Future<?>> runs = new ArrayList<>();
        for (int first = 0; first < record.blocks(); first += RUN) {
            int from = first;
            int to = Math.min(record.blocks(), first + RUN);
            runs.add(pool.submit(() -> {
                ByteBuffer current = ByteBuffer.allocateDirect(record.blockSize());
                BitSet differ = new BitSet();
                for (int i = from; i < to; i++) {
                    long position = (long) i * record.blockSize();
                    current.clear().limit(record.length(i));
                    out.readFully(position, current);
                    current.flip();
                    BlobId id = record.id(i);
                    if (id == null ? ZeroBlocks.allZero(current) : repository.blobId(current).equals(id)) {
                        equal.incrementAndGet();
                    } else if (id == null) {
                        out.writeFully(position, ByteBuffer.allocate(record.length(i)));
                        written.incrementAndGet();
                    } else {
                        differ.set(i);
                    }
                }
                synchronized (needed) {
                    needed.or(differ);
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            await(run);
        }
        return needed;
    }

    /**
     * Loads the {@code needed} blocks pack by pack, in offset order, in runs of at most {@link #MAX_RUN} bytes (one
     * ranged read each, every blob verified), and writes each to every block that holds it: a tape or an object
     * store is read sequentially, not once per block.
     */
    private void writeInPackOrder(BlockMap record, BitSet needed, VolumeFile out, ExecutorService pool,
                                  AtomicLong written) throws IOException {
        Map<BlobId, List<Integer>> blocksOf = new HashMap<>();
        for (int i = needed.nextSetBit(0); i >= 0; i = needed.nextSetBit(i + 1)) {
            blocksOf.computeIfAbsent(record.id(i), k -> new ArrayList<>(1)).add(i);
        }
        Map<String, List<PackedBlob>> byPack = new TreeMap<>();
        for (Map.Entry<BlobId, List<Integer>> e : blocksOf.entrySet()) {
            PackedBlob blob = repository.lookup(BlobKind.DATA, e.getKey()).orElseThrow(() -> new IntegrityException(
                    "block " + e.getValue().get(0) + " of the volume (blob " + e.getKey().shortHex() + ") is in no"
                            + " pack the index knows; run stowage:check"));
            byPack.computeIfAbsent(blob.packId(), k -> new ArrayList<>()).add(blob);
        }
        List<Future<?>> runs = new ArrayList<>();
        for (List<PackedBlob> pack : byPack.values()) {
            pack.sort(Comparator.comparingLong(PackedBlob::offset));
            for (List<PackedBlob> run : split(pack)) {
                runs.add(pool.submit(() -> {
                    repository.loadBlobs(run, (blob, plain) -> {
                        for (int i : blocksOf.get(blob.id())) {
                            if (plain.remaining() != record.length(i)) {
                                throw new IntegrityException("block " + i + " of the volume (blob "
                                        + blob.id().shortHex() + ") holds " + plain.remaining() + " bytes, the record"
                                        + " says " + record.length(i));
                            }
                            out.writeFully((long) i * record.blockSize(), plain.duplicate());
                            written.incrementAndGet();
                        }
                    });
                    return null;
                }));
            }
        }
        for (Future<?> run : runs) {
            await(run);
        }
    }

    /** A pack's blobs (by offset) in runs whose stored bytes span at most {@link #MAX_RUN}. */
    private static List<List<PackedBlob>> split(List<PackedBlob> pack) {
        List<List<PackedBlob>> runs = new ArrayList<>();
        List<PackedBlob> run = new ArrayList<>();
        for (PackedBlob blob : pack) {
            if (!run.isEmpty() && blob.offset() + blob.storedLength() - run.get(0).offset() > MAX_RUN) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(blob);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static void await(Future<?> run) throws IOException {
        try {
            run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("volume restore was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * @param blocksWritten blocks written to the target
     * @param blocksEqual   blocks the target already held (not written)
     */
    public record Result(long blocksWritten, long blocksEqual) {
    }
}
