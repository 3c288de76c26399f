package org.stowage.engine.internal.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.engine.internal.tree.Special;

/** The native stat against the JDK's {@code unix} attribute view, entry by entry, on this Linux. */
class NativeStatTest {

    private static final FileSystemExtras EXTRAS = FileSystemExtras.platform();

    @TempDir
    Path dir;

    @Test
    void theBuildsLinuxHasIt() {
        assertNull(EXTRAS.unavailableReason(), "JNA and libc are on the engine's path on Linux");
    }

    @Test
    void reportsWhatTheUnixViewReports() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "twelve bytes");
        Files.setAttribute(file, "unix:mode", 04751);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-03-04T05:06:07.123456789Z")));
        Files.createLink(dir.resolve("second-name"), file);
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Files.setAttribute(folder, "unix:mode", 01775);
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("file"));
        Path fifo = dir.resolve("fifo");
        EXTRAS.mknod(fifo, Special.FIFO, 0640, 0, 0);
        Path old = Files.writeString(dir.resolve("before-1970"), "");
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("1969-07-20T20:17:40.5Z")));

        for (Path entry : new Path[]{file, folder, link, fifo, old, Path.of("/dev/null"), Path.of("/")}) {
            assertSame(entry, EXTRAS.stat(entry, false), LinkOption.NOFOLLOW_LINKS);
        }
        assertSame(link, EXTRAS.stat(link, true));
        assertEquals(2, EXTRAS.stat(file, false).links());
        assertTrue(EXTRAS.stat(link, false).isSymbolicLink());
        assertTrue(EXTRAS.stat(link, true).isRegularFile());
        assertTrue(EXTRAS.stat(folder, false).isDirectory());
        assertNotEquals(0, EXTRAS.stat(Path.of("/dev/null"), false).rdev());
    }

    @Test
    void aMissingEntryIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> EXTRAS.stat(dir.resolve("missing"), false));
        assertThrows(NoSuchFileException.class, () -> EXTRAS.stat(dir.resolve("missing/below"), false));
    }

    private static void assertSame(Path path, FileStat stat, LinkOption... options) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:*", options);
        String at = path.toString();
        assertEquals(unix.get("mode"), stat.mode(), at);
        assertEquals(unix.get("size"), stat.size(), at);
        assertEquals(((FileTime) unix.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS), stat.mtimeNanos(), at);
        assertEquals(unix.get("ino"), stat.inode(), at);
        assertEquals(unix.get("dev"), stat.device(), at);
        assertEquals(unix.get("uid"), stat.uid(), at);
        assertEquals(unix.get("gid"), stat.gid(), at);
        assertEquals(unix.get("nlink"), stat.links(), at);
        assertEquals(unix.get("rdev"), stat.rdev(), at);
        assertEquals(unix.get("isRegularFile"), stat.isRegularFile(), at);
        assertEquals(unix.get("isDirectory"), stat.isDirectory(), at);
        assertEquals(unix.get("isSymbolicLink"), stat.isSymbolicLink(), at);
    }
}
