package org.stowage.engine.internal.archiver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.BackupSelection;
import org.stowage.api.repository.ProgressListener;
import org.stowage.engine.internal.selection.Selection;

/**
 * {@code --one-file-system} as far as a test without mounting can show it: folders on the root's own file system
 * are entered, and on a host with /dev/pts mounted below /dev (every Linux), a walk of /dev keeps /dev/pts empty.
 */
class FileSystemBoundaryTest {

    @TempDir
    Path root;

    @Test
    void aFolderOnTheRootsFileSystemIsNotABoundary() throws IOException {
        Path sub = Files.createDirectories(root.resolve("a/b"));
        OwnerNames names = new OwnerNames();
        assertFalse(FileSystemBoundary.crossed(SourceMeta.read(root.resolve("a"), names), SourceMeta.read(sub, names),
                sub));
    }

    @Test
    void withoutDeviceIdsTheFileStoresAreCompared() throws IOException {
        Path sub = Files.createDirectories(root.resolve("a"));
        SourceMeta noDevice = new SourceMeta(org.stowage.engine.internal.tree.NodeType.DIR, 0755, 0, 0, 0, 0, 0, 0,
                null, null, 1, null, 0, 0, null);
        assertFalse(FileSystemBoundary.crossed(noDevice, noDevice, sub), "same file store as its parent");
    }

    @Test
    void aMountPointBelowTheRootIsKeptEmpty() throws IOException {
        Path dev = Path.of("/dev");
        Path pts = dev.resolve("pts");
        assumeTrue(Files.isDirectory(pts), "no /dev/pts here");
        OwnerNames names = new OwnerNames();
        SourceMeta devMeta = SourceMeta.read(dev, names);
        SourceMeta ptsMeta = SourceMeta.read(pts, names);
        assumeTrue(devMeta.device() != ptsMeta.device(), "/dev/pts is not a mount of its own here");
        assertTrue(FileSystemBoundary.crossed(devMeta, ptsMeta, pts));

        List<Path> listed = new ArrayList<>();
        Selection oneFileSystem = Selection.of(new BackupSelection(List.of(), List.of(), List.of(), false, List.of(),
                0, true, null));
        DryRun.run(List.of(dev), oneFileSystem, (path, node) -> listed.add(path), ProgressListener.NONE);
        assertTrue(listed.contains(pts), "the mount point itself is kept: " + listed);
        assertFalse(listed.stream().anyMatch(p -> p.startsWith(pts) && !p.equals(pts)), "nothing below it: " + listed);

        List<Path> crossing = new ArrayList<>();
        DryRun.run(List.of(dev), Selection.EVERYTHING, (path, node) -> crossing.add(path), ProgressListener.NONE);
        assertTrue(crossing.stream().anyMatch(p -> p.startsWith(pts) && !p.equals(pts)),
                "without the option the walk enters /dev/pts (ptmx is always there): " + crossing);
    }
}
