package org.stowage.engine.internal.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStatsTest {

    @TempDir
    Path dir;

    @Test
    void theUnixViewFallbackReadsWhatTheNativeStatReads() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "content");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("file"));
        FileStats fallback = new FileStats(FileSystemExtras.unavailable("for the test"));
        for (Path entry : new Path[]{file, link, dir, Path.of("/dev/null")}) {
            FileStat expected = FileSystemExtras.platform().stat(entry, false);
            assertEquals(expected, FileStats.unixView(entry, LinkOption.NOFOLLOW_LINKS), entry.toString());
            assertEquals(expected, fallback.read(entry, false), entry.toString());
            assertEquals(expected, FileStats.PLATFORM.read(entry, false), entry.toString());
        }
        assertEquals(FileSystemExtras.platform().stat(link, true), fallback.read(link, true));
    }
}
