package org.stowage.engine.internal.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.BlobType;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.ProgressListener;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.api.volume.BlockState;
import org.stowage.engine.internal.archiver.VolumeArchiver;
import org.stowage.engine.internal.archiver.VolumeBackupResult;
import org.stowage.engine.internal.check.Checker;
import org.stowage.engine.internal.prune.Pruner;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;

/**
 * Volume backup and restore on real sparse image files, with the repository's default chunk and pack sizes so that
 * the bytes a small change adds are the ones an operator would see (issue 20's bars: a 2 GiB image with 16 scattered
 * 4 KiB writes adds at most 1.5 MiB with 64 KiB blocks and 256 KiB with 4 KiB blocks).
 */
class VolumeBackupTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;
    private final MemoryDevice device = new MemoryDevice("mem");
    private Repository repo;

    @BeforeEach
    void init() throws IOException {
        repo = Repositories.init(device, "pw".toCharArray(), RepositoryOptions.defaults().withScryptN(16));
    }

    @AfterEach
    void close() throws IOException {
        repo.close();
    }

    @Test
    void sixteenScatteredWritesToA2GiBImageAddOnlyTheirBlocks64k() throws IOException {
        scatteredWrites(BlockSizes.DEFAULT, 3 << 19);
    }

    @Test
    void sixteenScatteredWritesToA2GiBImageAddOnlyTheirBlocks4k() throws IOException {
        scatteredWrites(4 << 10, 256 << 10);
    }

    private void scatteredWrites(int blockSize, long maxAdded) throws IOException {
        Path image = dir.resolve("vm.img");
        Random rnd = new Random(blockSize);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(2 * GIB);
            for (int region = 0; region < 4; region++) { // 4 x 2 MiB of data, the rest holes
                f.seek(region * (GIB / 2) + 12345 * 4096L);
                f.write(bytes(rnd, 2 << 20));
            }
        }
        VolumeBackupResult full = backup("vm", image, blockSize, null, null);
        assertEquals(2 * GIB / blockSize, full.blocksRead());
        assertEquals(1, full.record().generation());
        long nonZero = count(full.record(), (m, i) -> !m.isZero(i));
        assertTrue(nonZero >= 4L * (2 << 20) / blockSize && nonZero <= 4L * (2 << 20) / blockSize + 4, nonZero + "");

        long before = stored();
        long[] offsets = new long[16];
        byte[][] old = new byte[16][];
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (int k = 0; k < 16; k++) {
                offsets[k] = (k * (2 * GIB / 16) + rnd.nextInt(1 << 20) * 4096L) % (2 * GIB);
                old[k] = new byte[4096];
                ch.read(ByteBuffer.wrap(old[k]), offsets[k]);
                ch.write(ByteBuffer.wrap(bytes(rnd, 4096)), offsets[k]);
            }
        }
        VolumeBackupResult incremental = backup("vm", image, blockSize, full, null);
        long added = stored() - before;
        System.out.printf("block size %d: 16 scattered 4 KiB writes to a 2 GiB image added %d bytes (%d blobs)%n",
                blockSize, added, incremental.blobsAdded());
        assertEquals(16, count(incremental.record(), (m, i) -> m.state(i) == BlockState.BACKED_UP));
        assertTrue(added <= maxAdded, "added " + added + " bytes, at most " + maxAdded);
        assertEquals(2, incremental.record().generation());

        Path restored = dir.resolve("restored.img");
        VolumeRestorer restorer = new VolumeRestorer(repo, 2);
        restorer.restore(VolumeRecords.record(repo, incremental.snapshot()), restored);
        assertEquals(-1, Files.mismatch(image, restored), "the restore equals the image");

        VolumeRestorer.Result back = restorer.restore(VolumeRecords.record(repo, full.snapshot()), restored);
        assertEquals(16, back.blocksWritten(), "onto an existing image only the differing blocks are written");
        try (FileChannel ch = FileChannel.open(restored)) {
            for (int k = 0; k < 16; k++) {
                ByteBuffer now = ByteBuffer.allocate(4096);
                ch.read(now, offsets[k]);
                assertEquals(ByteBuffer.wrap(old[k]), now.flip(), "block at " + offsets[k] + " is the first snapshot's");
            }
        }
        CheckReport check = new Checker(repo, ProgressListener.NONE).check(true);
        assertTrue(check.isOk(), check.errors().toString());
    }

    @Test
    void trackedIncrementalReadsOnlyTheBlocksItIsGivenAndPruneKeepsEveryRecord() throws IOException {
        Path image = dir.resolve("small.img");
        Random rnd = new Random(7);
        Files.write(image, bytes(rnd, (1 << 20) + 1000)); // a short last block
        VolumeBackupResult full = backup("small", image, 4096, null, null);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes(rnd, 100)), 5 * 4096 + 7);
            ch.write(ByteBuffer.allocate(4096), 9 * 4096); // a block turned to zeros
        }
        BitSet dirty = new BitSet();
        dirty.set(5);
        dirty.set(9);
        AtomicLong reads = new AtomicLong();
        VolumeBackupResult tracked;
        try (VolumeFile file = VolumeFile.open(image, false)) {
            tracked = new VolumeArchiver(repo, 2).backup("small", file.size(), 4096, (b, p, into) -> {
                reads.incrementAndGet();
                file.read(b, p, into);
            }, new VolumeArchiver.Parent(full.snapshot(), full.record()), dirty, "host", Set.of(),
                    ProgressListener.NONE);
        }
        assertEquals(2, reads.get());
        assertEquals(BlockState.BACKED_UP, tracked.record().state(5));
        assertNull(tracked.record().id(9));
        assertEquals(1, tracked.record().storedIn(0));
        assertEquals(2, VolumeRecords.snapshots(repo, "small").size());

        repo.deleteSnapshot(full.snapshot().id());
        new Pruner(repo, ProgressListener.NONE).prune(false);
        Path restored = dir.resolve("small.restored");
        new VolumeRestorer(repo, 2).restore(VolumeRecords.record(repo, tracked.snapshot()), restored);
        assertEquals(-1, Files.mismatch(image, restored), "blocks stored only by the forgotten snapshot survive prune");
        assertTrue(new Checker(repo, ProgressListener.NONE).check(true).isOk());
    }

    private VolumeBackupResult backup(String name, Path image, int blockSize, VolumeBackupResult parent,
                                      BitSet toRead) throws IOException {
        try (VolumeFile file = VolumeFile.open(image, false)) {
            return new VolumeArchiver(repo, 2).backup(name, file.size(), blockSize, file, parent == null ? null
                    : new VolumeArchiver.Parent(parent.snapshot(), parent.record()), toRead, "host", Set.of(),
                    ProgressListener.NONE);
        }
    }

    private long stored() throws IOException {
        long[] sum = {0};
        for (BlobType type : BlobType.values()) {
            if (type != BlobType.LOCK) {
                device.list(type, info -> sum[0] += info.size());
            }
        }
        return sum[0];
    }

    private static long count(BlockMap map, java.util.function.BiPredicate<BlockMap, Integer> test) {
        long n = 0;
        for (int i = 0; i < map.blocks(); i++) {
            n += test.test(map, i) ? 1 : 0;
        }
        return n;
    }

    private static byte[] bytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
