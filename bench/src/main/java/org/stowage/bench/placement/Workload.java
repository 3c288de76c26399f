package org.stowage.bench.placement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;

/**
 * What a bench run stores in a fresh repository, timed from its first blob to the durable index ({@code flush}).
 * Returns the MiB of data it stored (the figure's numerator).
 */
interface Workload {

    /** For the output, e.g. {@code packs 4096 MiB}. */
    String describe();

    double run(Repository repository) throws Exception;

    /**
     * Ready blobs: incompressible 1 MiB blobs (the average chunk) with ids made up by the bench, saved by as many
     * threads as the archiver's savers (one per core) through {@link Repository#saveBlob}, then {@code flush}: the
     * packer, its uploaders and the placement, as in a backup, without reading, chunking and hashing files, which on
     * two cores cap a whole backup near 300 MiB/s. The engine still encrypts every blob (AES-GCM: incompressible
     * blobs skip zstd) and hashes every pack.
     */
    static Workload readyBlobs(int mib) {
        return new Workload() {
            private final ByteBuffer[] contents = contents();
            private final AtomicLong runs = new AtomicLong();

            @Override
            public String describe() {
                return "ready 1 MiB blobs, " + mib + " MiB";
            }

            @Override
            public double run(Repository repository) throws Exception {
                long run = runs.incrementAndGet();
                int threads = Runtime.getRuntime().availableProcessors();
                ExecutorService savers = Executors.newFixedThreadPool(threads);
                AtomicLong next = new AtomicLong();
                try (Repository.Lease lease = repository.lockShared("placement bench")) {
                    List<Future<?>> futures = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        futures.add(savers.submit(() -> {
                            for (long i = next.getAndIncrement(); i < mib; i = next.getAndIncrement()) {
                                BlobId id = new BlobId(run, i, 0x5354_4F57_4147_4521L, System.nanoTime());
                                repository.saveBlob(BlobKind.DATA, id, contents[(int) (i % contents.length)]
                                        .duplicate());
                            }
                            return null;
                        }));
                    }
                    for (Future<?> future : futures) {
                        future.get();
                    }
                    repository.flush();
                } finally {
                    savers.shutdown();
                }
                return mib;
            }
        };
    }

    /** A whole backup of {@code data} through the product's backup facade (archiver, packer, placement). */
    static Workload backup(Path data) {
        return new Workload() {
            @Override
            public String describe() {
                return "whole backup of " + data;
            }

            @Override
            public double run(Repository repository) throws Exception {
                SnapshotInfo snapshot = new EngineBackupService(() -> repository)
                        .backup(new BackupRequest(List.of(data), null, Set.of(), null), ProgressListener.NONE);
                if (!snapshot.isComplete() || snapshot.stats().errors() > 0) {
                    throw new IOException("backup incomplete: " + snapshot.incompleteReason() + ", "
                            + snapshot.stats().errors() + " errors");
                }
                return snapshot.stats().bytesProcessed() / (1024.0 * 1024.0);
            }
        };
    }

    /** Sixteen distinct incompressible 1 MiB blobs, reused (ids differ, and every encryption has its own nonce). */
    private static ByteBuffer[] contents() {
        Random random = new Random(20261207);
        ByteBuffer[] contents = new ByteBuffer[16];
        for (int i = 0; i < contents.length; i++) {
            byte[] bytes = new byte[1 << 20];
            random.nextBytes(bytes);
            contents[i] = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
        }
        return contents;
    }
}
