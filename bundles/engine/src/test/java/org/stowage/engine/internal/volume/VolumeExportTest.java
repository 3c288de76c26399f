package org.stowage.engine.internal.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotDiff;
import org.stowage.api.repository.StowageException;
import org.stowage.api.volume.BlockRange;
import org.stowage.api.volume.BlockState;
import org.stowage.api.volume.VolumeBackupResult;
import org.stowage.api.volume.VolumeBlocks;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.archiver.VolumeArchiver;
import org.stowage.engine.internal.facade.EngineSnapshotService;
import org.stowage.engine.internal.facade.EngineVolumeService;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;

/**
 * A volume exported over NBD with real clients writing and reading through it (qemu-io, nbdcopy, nbdinfo): the
 * tracking knows exactly which blocks they wrote, the next backup reads only those, and every snapshot restores
 * byte for byte.
 */
class VolumeExportTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;
    private Repository repo;
    private EngineVolumeService volumes;
    private Path image;

    @BeforeEach
    void setUp() throws IOException {
        repo = Repositories.init(new MemoryDevice("mem"), "pw".toCharArray(), RepositoryOptions.defaults()
                .withScryptN(16));
        volumes = new EngineVolumeService(() -> repo, dir.resolve("state"), "host");
        image = dir.resolve("vm.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(32 * MIB);
        }
        volumes.add(new VolumeDefinition("vm", image, 64 << 10, new InetSocketAddress("127.0.0.1", 0)));
    }

    @AfterEach
    void tearDown() throws IOException {
        volumes.close();
        repo.close();
    }

    @Test
    void clientsWriteThroughTheExportAndOnlyTheirBlocksAreReadByTheNextBackup() throws Exception {
        String export = volumes.export("vm");
        String uri = NbdClients.uri(export);
        assertTrue(export.startsWith("127.0.0.1:"), export);
        assertEquals("33554432", NbdClients.run("nbdinfo", "--size", uri).trim());

        Path source = dir.resolve("source.img");
        byte[] random = new byte[32 * MIB];
        new Random(1).nextBytes(random);
        Files.write(source, random);
        NbdClients.run("nbdcopy", source.toString(), uri);
        assertEquals(-1, Files.mismatch(source, image), "nbdcopy wrote the image through the export");
        assertEquals(512L, volumes.blocks("vm").counts().get(BlockState.DIRTY), "no snapshot yet: all dirty");

        VolumeBackupResult first = volumes.backup("vm", false, Set.of(), ProgressListener.NONE);
        assertEquals("full", first.mode());
        VolumeBlocks clean = volumes.blocks("vm");
        assertTrue(clean.tracked() && clean.allBackedUp(), clean.counts().toString());
        assertEquals(512L, clean.counts().get(BlockState.BACKED_UP));

        NbdClients.qemuWrite(uri, new long[] {MIB, 4096, 0x5a}, new long[] {20 * MIB + 4096, 128 << 10, 0xa5});
        VolumeBlocks written = volumes.blocks("vm");
        assertEquals(4L, written.counts().get(BlockState.DIRTY), "block 16, and 320-323 (128 KiB at 20 MiB + 4 KiB)");
        assertTrue(written.ranges().contains(new BlockRange(16, 16, BlockState.DIRTY, false, 1)), written.ranges()
                .toString());
        assertTrue(written.ranges().contains(new BlockRange(320, 322, BlockState.DIRTY, false, 1)));
        assertFalse(written.allBackedUp());

        VolumeBackupResult second = volumes.backup("vm", false, Set.of(), ProgressListener.NONE);
        assertEquals("tracked", second.mode());
        assertEquals(4, second.blocksRead(), "only the dirty blocks are read");
        VolumeBlocks after = volumes.blocks("vm");
        assertEquals(4L, after.counts().get(BlockState.BACKED_UP));
        assertEquals(508L, after.counts().get(BlockState.CLEAN));

        StowageException refused = assertThrows(StowageException.class, () -> volumes.restore("vm", "latest", image));
        assertTrue(refused.getMessage().contains("volume-unexport vm"), refused.getMessage());
        Path restored = dir.resolve("restored.img");
        assertEquals(512, volumes.restore("vm", "latest", restored)[0]);
        assertEquals(-1, Files.mismatch(image, restored), "the latest snapshot is the image");
        Path read = dir.resolve("read.img");
        NbdClients.run("nbdcopy", uri, read.toString());
        assertEquals(-1, Files.mismatch(image, read), "nbdcopy reads the image back through the export");
        List<SnapshotDiff.Change> changes = new EngineSnapshotService(() -> repo).diff(first.snapshot(),
                second.snapshot()).changes();
        assertEquals(List.of(new SnapshotDiff.Change("/vm", SnapshotDiff.Kind.MODIFIED, NodeInfo.Type.VOLUME,
                32L * MIB, 32L * MIB)), changes, "diff sees the volume's blocks changed");
        long[] back = volumes.restore("vm", first.snapshot().substring(0, 8), restored);
        assertEquals(4, back[0], "onto the newer image only the 4 changed blocks are written");
        assertEquals(-1, Files.mismatch(source, restored), "the first snapshot is what nbdcopy wrote");
    }

    @Test
    void qemuImgConvertsAQcow2DiskOntoTheExportAndComparesItsRestore() throws Exception {
        String uri = NbdClients.uri(volumes.export("vm"));
        Path qcow2 = dir.resolve("disk.qcow2");
        NbdClients.run("qemu-img", "create", "-q", "-f", "qcow2", qcow2.toString(), "32M");
        NbdClients.run("qemu-io", "-f", "qcow2", "-c", "write -P 3 2M 64k", "-c", "write -P 4 30M 1M",
                qcow2.toString());
        NbdClients.run("qemu-img", "convert", "-n", "-f", "qcow2", "-O", "raw", qcow2.toString(), uri);
        assertTrue(NbdClients.run("qemu-img", "compare", "-f", "qcow2", "-F", "raw", qcow2.toString(), uri)
                .contains("Images are identical"), "qemu-img reads the disk back through the export");

        VolumeBackupResult backup = volumes.backup("vm", false, Set.of(), ProgressListener.NONE);
        Path restored = dir.resolve("restored.raw");
        volumes.restore("vm", backup.snapshot(), restored);
        assertTrue(NbdClients.run("qemu-img", "compare", "-f", "qcow2", "-F", "raw", qcow2.toString(),
                restored.toString()).contains("Images are identical"));
        VolumeBlocks blocks = volumes.blocks("vm");
        assertEquals(17L, blocks.ranges().stream().filter(r -> !r.zero())
                .mapToLong(r -> r.last() - r.first() + 1).sum(), "64 KiB at 2 MiB and 1 MiB at 30 MiB hold data");
    }

    @Test
    void aBackupTakenWhileAClientWritesIsTheImageAsItWasWhenItBegan() throws Exception {
        VolumeExports exports = new VolumeExports(dir.resolve("cow-state"));
        try (exports) {
            VolumeDefinition def = new VolumeDefinition("cow", image, 64 << 10, new InetSocketAddress("127.0.0.1", 0));
            String uri = NbdClients.uri(exports.export(def));
            Path source = dir.resolve("source.img");
            byte[] random = new byte[32 * MIB];
            new Random(2).nextBytes(random);
            Files.write(source, random);
            NbdClients.run("nbdcopy", source.toString(), uri);
            VolumeTracker tracker = exports.tracker("cow").orElseThrow();

            VolumeTracker.TrackedBackup run = tracker.beginBackup(null, true);
            AtomicBoolean wrote = new AtomicBoolean();
            BlockReader reader = (block, position, into) -> {
                if (block == 100 && !wrote.getAndSet(true)) { // mid-backup: blocks 0-99 read, the rest not yet
                    try {
                        NbdClients.qemuWrite(uri, new long[] {50L << 16, 4096, 7}, new long[] {100L << 16, 128 << 10, 8},
                                new long[] {300L << 16, 4096, 9}, new long[] {(511L << 16) + 1000, 100, 10});
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                run.cow().read(block, position, into);
            };
            org.stowage.engine.internal.archiver.VolumeBackupResult result = new VolumeArchiver(repo, 2)
                    .backup("cow", tracker.size(), 64 << 10, reader, null, run.toRead(), "host", Set.of(),
                            ProgressListener.NONE);
            assertEquals(4, run.cow().copiedBlocks(), "100, 101, 300, 511 were copied; 50 was read already");
            tracker.endBackup(run, result.snapshot().id());
            assertTrue(Files.mismatch(source, image) >= 0, "the client's writes reached the image");

            Path restored = dir.resolve("restored.img");
            new VolumeRestorer(repo, 2).restore(VolumeRecords.record(repo, result.snapshot()), restored);
            assertEquals(List.of(), differingBlocks(source, restored, 64 << 10), "the image when the backup began");
            BitSet dirty = tracker.status().dirty();
            assertEquals("{50, 100, 101, 300, 511}", dirty.toString(), "written during the backup: dirty for the next");
        }
    }

    private static List<Integer> differingBlocks(Path a, Path b, int blockSize) throws IOException {
        byte[] x = Files.readAllBytes(a);
        byte[] y = Files.readAllBytes(b);
        List<Integer> differ = new java.util.ArrayList<>();
        for (int i = 0; i * blockSize < Math.max(x.length, y.length); i++) {
            int from = i * blockSize;
            if (!java.util.Arrays.equals(x, from, Math.min(x.length, from + blockSize), y, from,
                    Math.min(y.length, from + blockSize))) {
                differ.add(i);
            }
        }
        return differ;
    }

    @Test
    void theTrackingSurvivesAnUnexportAndWritesBehindStowagesBackAreCaughtByHashComparison() throws Exception {
        String uri = NbdClients.uri(volumes.export("vm"));
        NbdClients.qemuWrite(uri, new long[] {0, 64 << 10, 1});
        volumes.backup("vm", false, Set.of(), ProgressListener.NONE);
        NbdClients.qemuWrite(uri, new long[] {5 * MIB, 4096, 2});
        volumes.unexport("vm");

        uri = NbdClients.uri(volumes.export("vm"));
        VolumeBlocks reopened = volumes.blocks("vm");
        assertTrue(reopened.tracked());
        assertEquals(1L, reopened.counts().get(BlockState.DIRTY), "the write before the unexport is still dirty");
        assertEquals("tracked", volumes.backup("vm", false, Set.of(), ProgressListener.NONE).mode());
        volumes.unexport("vm");

        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) { // not through the export
            f.seek(9 * MIB);
            f.write(new byte[] {1, 2, 3});
        }
        volumes.export("vm");
        assertFalse(volumes.blocks("vm").tracked(), "the image changed behind Stowage's back");
        VolumeBackupResult hash = volumes.backup("vm", false, Set.of(), ProgressListener.NONE);
        assertEquals("hash", hash.mode());
        assertEquals(512, hash.blocksRead());
        VolumeBlocks blocks = volumes.blocks("vm");
        assertEquals(1L, blocks.counts().get(BlockState.BACKED_UP), "only the block changed behind its back is new");
        Path restored = dir.resolve("r.img");
        volumes.restore("vm", "latest", restored);
        assertEquals(-1, Files.mismatch(image, restored));
        assertEquals(List.of("vm"), volumes.volumes().stream().map(v -> v.name()).toList());
        EngineVolumeService otherHost = new EngineVolumeService(() -> repo, dir.resolve("other"), "other-host");
        otherHost.add(new VolumeDefinition("vm", image, 64 << 10, new InetSocketAddress("127.0.0.1", 0)));
        assertEquals("full", otherHost.backup("vm", false, Set.of(), ProgressListener.NONE).mode(),
                "another host's volume of the same name is not this one's parent");
        assertEquals(hash.snapshot(), volumes.blocks("vm").snapshot(), "each host queries its own record");
        List<NodeInfo> listed = new EngineSnapshotService(() -> repo).list(hash.snapshot(), "/", true);
        assertEquals(List.of(new NodeInfo("/vm", NodeInfo.Type.VOLUME, 32L * MIB, 0600, listed.get(0).mtime(), null)),
                listed, "stowage:ls shows a volume snapshot's volume, and does not walk into its record");
    }
}
