package org.stowage.engine.internal.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.volume.BlockRange;
import org.stowage.api.volume.BlockState;
import org.stowage.api.volume.VolumeBackupResult;
import org.stowage.api.volume.VolumeBlocks;
import org.stowage.device.testkit.MemoryDevice;
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

        Path restored = dir.resolve("restored.img");
        assertEquals(512 - 0, volumes.restore("vm", "latest", restored)[0]);
        assertEquals(-1, Files.mismatch(image, restored), "the latest snapshot is the image");
        Path read = dir.resolve("read.img");
        NbdClients.run("nbdcopy", uri, read.toString());
        assertEquals(-1, Files.mismatch(image, read), "nbdcopy reads the image back through the export");
        long[] back = volumes.restore("vm", first.snapshot().substring(0, 8), restored);
        assertEquals(4, back[0], "onto the newer image only the 4 changed blocks are written");
        assertEquals(-1, Files.mismatch(source, restored), "the first snapshot is what nbdcopy wrote");
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
    }
}
