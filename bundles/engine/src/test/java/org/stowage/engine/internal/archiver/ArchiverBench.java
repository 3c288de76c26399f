package org.stowage.engine.internal.archiver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotStats;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;
import org.stowage.engine.internal.snapshot.SnapshotRecord;

/**
 * Manual throughput check of a whole backup (not a test): one large half-compressible file into the real
 * repository on a memory device. Run with a heap of 2 GiB: java -Xmx2g -cp ... ArchiverBench [MiB].
 */
final class ArchiverBench {

    private ArchiverBench() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        Path dir = Files.createTempDirectory("stowage-bench");
        Path file = dir.resolve("data.bin");
        byte[] block = new byte[1 << 20];
        Random random = new Random(1);
        try (var out = Files.newOutputStream(file)) {
            for (int i = 0; i < mib; i++) {
                random.nextBytes(block);
                java.util.Arrays.fill(block, 0, block.length / 2, (byte) (i & 0x0f)); // half compressible
                out.write(block);
            }
        }
        for (int round = 0; round < 2; round++) {
            try (Repository repo = Repositories.init(new MemoryDevice("bench"), "pw".toCharArray(),
                    RepositoryOptions.defaults().withScryptN(16))) {
                long t0 = System.nanoTime();
                SnapshotRecord s = new Archiver(repo).backup(List.of(dir), "bench", Set.of(), null,
                        ProgressListener.NONE);
                double seconds = (System.nanoTime() - t0) / 1e9;
                SnapshotStats stats = s.snapshot().stats();
                System.out.printf("%d MiB in %.2f s = %.0f MiB/s, %d blobs, stored %d MiB%n", mib, seconds,
                        mib / seconds, stats.blobsAdded(), stats.bytesStored() >> 20);
            }
        }
        Files.delete(file);
        Files.delete(dir);
    }
}
