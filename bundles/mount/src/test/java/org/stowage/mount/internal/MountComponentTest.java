package org.stowage.mount.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.DeviceDescriptor;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.mount.MountInfo;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.StowageException;
import org.stowage.device.disk.internal.DiskDevice;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.facade.EngineSnapshotService;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;

/**
 * A real repository on a disk device, mounted through the kernel's FUSE: what programs see and read there, that
 * nothing can be changed, and that unmount and deactivation leave no mount behind. Needs /dev/fuse, libfuse 2 and
 * the right to mount (root on CI); it fails, never skips, without them.
 */
class MountComponentTest {

    @TempDir
    Path temp;

    private Repository repository;
    private MountComponent mounts;
    private Path source;
    private Path mountpoint;

    @BeforeEach
    void backUpATree() throws IOException {
        DeviceDescriptor descriptor = new DeviceDescriptor("local", "disk", DeviceKind.DISK, AccessType.RANDOM, 0);
        repository = Repositories.init(new DiskDevice(descriptor, Files.createDirectories(temp.resolve("repo")), 2),
                "secret".toCharArray(), RepositoryOptions.defaults());
        source = Files.createDirectories(temp.resolve("src"));
        Files.createDirectories(source.resolve("docs/deep"));
        Files.write(source.resolve("big.bin"), random(5_000_000));
        Files.writeString(source.resolve("docs/deep/note.txt"), "a note\n");
        Files.createSymbolicLink(source.resolve("link"), Path.of("docs/deep/note.txt"));
        mounts = new MountComponent(new EngineSnapshotService(() -> repository));
        mountpoint = Files.createDirectories(temp.resolve("mnt"));
    }

    @AfterEach
    void tearDown() throws IOException {
        mounts.deactivate();
        repository.close();
    }

    private SnapshotInfo backup(String... tags) {
        return new EngineBackupService(() -> repository).backup(new BackupRequest(List.of(source), "host-a",
                Set.of(tags), null), null);
    }

    @Test
    void programsListAndReadTheSnapshotsThroughTheMount() throws IOException {
        SnapshotInfo first = backup("daily");
        Files.writeString(source.resolve("docs/deep/note.txt"), "changed\n");
        SnapshotInfo second = backup();

        MountInfo info = mounts.mount(mountpoint, "test");
        assertEquals(List.of(info), mounts.mounts());
        assertTrue(mounted(mountpoint), "the kernel lists the mount");
        assertEquals(List.of("hosts", "ids", "snapshots", "tags"), names(mountpoint));
        assertEquals(List.of(first.shortId(), second.shortId()).stream().sorted().toList(),
                names(mountpoint.resolve("ids")));
        Path latest = mountpoint.resolve("snapshots/latest");
        assertTrue(Files.isSymbolicLink(latest));
        Path inLatest = latest.resolve(source.toString().substring(1));
        assertArrayEquals(Files.readAllBytes(source.resolve("big.bin")), Files.readAllBytes(inLatest.resolve("big.bin")));
        assertEquals("changed\n", Files.readString(inLatest.resolve("docs/deep/note.txt")));
        assertEquals(Path.of("docs/deep/note.txt"), Files.readSymbolicLink(inLatest.resolve("link")));
        assertEquals("changed\n", Files.readString(inLatest.resolve("link")), "a link inside a snapshot resolves");
        Path inFirst = mountpoint.resolve("tags/daily").resolve(names(mountpoint.resolve("tags/daily")).get(0))
                .resolve(source.toString().substring(1));
        assertEquals("a note\n", Files.readString(inFirst.resolve("docs/deep/note.txt")), "tags/ shows the first");
        assertEquals(5_000_000, Files.size(inFirst.resolve("big.bin")));
        assertEquals(1, names(mountpoint.resolve("hosts")).size());
        assertEquals(Files.getLastModifiedTime(source.resolve("big.bin")).toMillis(),
                Files.getLastModifiedTime(inFirst.resolve("big.bin")).toMillis());

        try (SeekableByteChannel channel = Files.newByteChannel(inFirst.resolve("big.bin"))) {
            ByteBuffer middle = ByteBuffer.allocate(100_000);
            channel.position(3_333_333);
            while (middle.hasRemaining() && channel.read(middle) > 0) {
                // read on: FUSE hands out at most 128 KiB per call
            }
            byte[] expected = new byte[100_000];
            System.arraycopy(Files.readAllBytes(source.resolve("big.bin")), 3_333_333, expected, 0, 100_000);
            assertArrayEquals(expected, middle.array(), "a read in the middle of the file");
        }
        assertFalse(Files.exists(inLatest.resolve("missing.txt")));
    }

    @Test
    void nothingCanBeChangedThroughTheMount() throws IOException {
        backup();
        mounts.mount(mountpoint, "test");
        Path folder = mountpoint.resolve("snapshots/latest").resolve(source.toString().substring(1));
        assertThrows(IOException.class, () -> Files.writeString(folder.resolve("new.txt"), "x"));
        assertThrows(IOException.class, () -> Files.newOutputStream(folder.resolve("big.bin"),
                StandardOpenOption.APPEND).close());
        assertThrows(IOException.class, () -> Files.delete(folder.resolve("big.bin")));
        assertThrows(IOException.class, () -> Files.createDirectory(folder.resolve("dir")));
        assertThrows(IOException.class, () -> Files.createDirectory(mountpoint.resolve("ids/new")));
        assertEquals(5_000_000, Files.size(folder.resolve("big.bin")));
    }

    @Test
    void unmountAndDeactivationLeaveNoMountBehind() throws IOException {
        backup();
        Path second = Files.createDirectories(temp.resolve("mnt2"));
        mounts.mount(mountpoint, "test");
        mounts.mount(second, "test");
        StowageException twice = assertThrows(StowageException.class, () -> mounts.mount(mountpoint, "test"));
        assertTrue(twice.getMessage().contains("mounted already"), twice.getMessage());
        try (InputStream open = Files.newInputStream(mountpoint.resolve("snapshots/latest")
                .resolve(source.toString().substring(1)).resolve("big.bin"))) {
            assertEquals(4096, open.readNBytes(4096).length);
            assertTrue(mounts.unmount(mountpoint), "unmounts with a file still open");
            assertEquals(4_000_000, open.skip(4_000_000));
            assertThrows(IOException.class, () -> open.readNBytes(4096), "the open file fails from then on");
        }
        assertFalse(mounted(mountpoint));
        assertEquals(List.of(), names(mountpoint));
        assertFalse(mounts.unmount(mountpoint), "nothing is mounted there any more");
        mounts.deactivate();
        assertFalse(mounted(second), "deactivation unmounts every mount");
        assertEquals(List.of(), mounts.mounts());
    }

    @Test
    void aFolderThatIsMissingOrNotEmptyIsRefusedWithTheReason() throws IOException {
        Files.writeString(mountpoint.resolve("keep.txt"), "mine");
        StowageException notEmpty = assertThrows(StowageException.class, () -> mounts.mount(mountpoint, "test"));
        assertTrue(notEmpty.getMessage().contains("not empty"), notEmpty.getMessage());
        StowageException missing = assertThrows(StowageException.class,
                () -> mounts.mount(temp.resolve("nowhere"), "test"));
        assertTrue(missing.getMessage().contains("no folder"), missing.getMessage());
        assertEquals(List.of(), mounts.mounts());
    }

    private static boolean mounted(Path folder) throws IOException {
        String line = " " + folder.toAbsolutePath() + " ";
        return Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8).stream()
                .anyMatch(l -> l.contains(line));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
