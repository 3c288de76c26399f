package org.stowage.engine.internal.archiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.engine.internal.testing.SampleTree;
import org.stowage.engine.internal.tree.NodeType;

class SourceMetaTest {

    @TempDir
    Path dir;

    @Test
    void recordsWhatTheUnixViewReportsForFilesFoldersAndLinks() throws IOException {
        Path file = Files.writeString(dir.resolve("file.txt"), "twelve bytes");
        Files.setAttribute(file, "unix:mode", 0640);
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("file.txt"));
        OwnerNames names = new OwnerNames();

        assertMatches(file, SourceMeta.read(file, names), NodeType.FILE, 12);
        assertMatches(folder, SourceMeta.read(folder, names), NodeType.DIR, 0);
        assertMatches(link, SourceMeta.read(link, names), NodeType.SYMLINK, 0);
        assertEquals(0640, SourceMeta.read(file, names).mode());
    }

    @Test
    void recordsTheOwnersNamesAndNoneForAnIdWithoutOne() throws IOException {
        Path mine = Files.writeString(dir.resolve("mine"), "x");
        Map<String, Object> unix = Files.readAttributes(mine, "unix:owner,group", LinkOption.NOFOLLOW_LINKS);
        SourceMeta meta = SourceMeta.read(mine, new OwnerNames());
        assertEquals(((Principal) unix.get("owner")).getName(), meta.user());
        assertEquals(((Principal) unix.get("group")).getName(), meta.group());
        if (SampleTree.isRoot(mine)) { // only root can give a file to an id that has no name here
            Path orphan = Files.writeString(dir.resolve("orphan"), "x");
            Files.setAttribute(orphan, "unix:uid", 4321);
            Files.setAttribute(orphan, "unix:gid", 4322);
            SourceMeta orphanMeta = SourceMeta.read(orphan, new OwnerNames());
            assertEquals(List.of(4321, 4322), List.of(orphanMeta.uid(), orphanMeta.gid()));
            assertNull(orphanMeta.user());
            assertNull(orphanMeta.group());
        }
    }

    private static void assertMatches(Path path, SourceMeta meta, NodeType type, long size) throws IOException {
        Map<String, Object> unix = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        assertEquals(type, meta.type(), path.toString());
        assertEquals(size, meta.size(), path.toString());
        assertEquals((Integer) unix.get("mode") & 07777, meta.mode(), path.toString());
        assertEquals(((FileTime) unix.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS), meta.mtimeNanos());
        assertEquals(unix.get("ino"), meta.inode(), path.toString());
        assertEquals(unix.get("dev"), meta.device(), path.toString());
        assertEquals(unix.get("uid"), meta.uid(), path.toString());
        assertEquals(unix.get("gid"), meta.gid(), path.toString());
    }
}
