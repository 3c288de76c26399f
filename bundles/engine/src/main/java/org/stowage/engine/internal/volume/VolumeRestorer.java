package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.stowage.api.repository.IntegrityException;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.restorer.ZeroBlocks;

/**
 * Writes a volume's image at a snapshot to a file or a block device. A new file is created sparse and gets only the
 * non-zero blocks; onto an existing image or device, each block is read and compared first (its keyed hash with the
 * record's id, or all-zero) and only blocks that differ are written, so restoring a few changed blocks costs reading
 * the target and writing those blocks. Every block comes from {@link Repository#loadBlob}, which verifies it. A
 * regular file is set to the volume's length; a device must be at least as large. Blocks are spread over
 * {@code threads} threads in runs of 256; the target is forced before returning.
 */
public final class VolumeRestorer {

    private static final int RUN = 256;
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
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "stowage-volume-restorer");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int first = 0; first < record.blocks(); first += RUN) {
                    int from = first;
                    int to = Math.min(record.blocks(), first + RUN);
                    runs.add(pool.submit(() -> {
                        restoreRun(record, out, fresh, from, to, written, equal);
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    await(run);
                }
            } finally {
                pool.shutdownNow();
            }
            out.channel().force(true);
        }
        return new Result(written.get(), equal.get());
    }

    private void restoreRun(BlockMap record, VolumeFile out, boolean fresh, int from, int to, AtomicLong written,
                            AtomicLong equal) throws IOException {
        ByteBuffer current = ByteBuffer.allocateDirect(record.blockSize());
        for (int i = from; i < to; i++) {
            long position = (long) i * record.blockSize();
            int length = record.length(i);
            BlobId id = record.id(i);
            if (fresh && id == null) {
                continue; // stays a hole
            }
            if (!fresh) {
                current.clear().limit(length);
                out.readFully(position, current);
                current.flip();
                if (id == null ? ZeroBlocks.allZero(current) : repository.blobId(current).equals(id)) {
                    equal.incrementAndGet();
                    continue;
                }
            }
            ByteBuffer data = id == null ? ByteBuffer.allocate(length) : repository.loadBlob(BlobKind.DATA, id);
            if (data.remaining() != length) {
                throw new IntegrityException("block " + i + " of the volume (blob " + id.shortHex() + ") holds "
                        + data.remaining() + " bytes, the record says " + length);
            }
            out.writeFully(position, data);
            written.incrementAndGet();
        }
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
