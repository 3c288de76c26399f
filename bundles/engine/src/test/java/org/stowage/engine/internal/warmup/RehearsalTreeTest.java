package org.stowage.engine.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.luben.zstd.Zstd;

class RehearsalTreeTest {

    @TempDir
    Path dir;

    @Test
    void aSeedGivesTheSameTreeEveryTime() throws IOException {
        RehearsalTree.write(dir.resolve("a"), 7);
        RehearsalTree.write(dir.resolve("b"), 7);
        Map<Path, byte[]> a = contents(dir.resolve("a"));
        Map<Path, byte[]> b = contents(dir.resolve("b"));
        assertEquals(a.keySet(), b.keySet());
        a.forEach((path, bytes) -> assertArrayEquals(bytes, b.get(path), path.toString()));
    }

    @Test
    void holdsSmallAndChunkedFilesOfEveryCompressibilityAnEmptyFileAndLinks() throws IOException {
        RehearsalTree tree = RehearsalTree.write(dir.resolve("t"), 1);
        Map<Path, byte[]> files = contents(tree.root());

        assertEquals(RehearsalTree.SMALL_FILES + RehearsalTree.MEDIUM_FILES + RehearsalTree.LARGE_FILES + 1,
                tree.fileCount());
        assertEquals(tree.fileCount(), files.size());
        long total = files.values().stream().mapToLong(b -> b.length).sum();
        assertTrue(total > 30L << 20 && total < 70L << 20, total + " bytes");
        assertTrue(files.values().stream().anyMatch(b -> b.length == 0));
        assertTrue(files.values().stream().anyMatch(b -> b.length > Rehearsal.OPTIONS.chunkMax()));
        List<Double> ratios = files.values().stream().filter(b -> b.length >= 64 << 10)
                .map(b -> (double) Zstd.compress(b, 1).length / b.length).toList();
        assertTrue(ratios.stream().anyMatch(r -> r < 0.4), "text: " + ratios);
        assertTrue(ratios.stream().anyMatch(r -> r > 0.99), "noise: " + ratios);
        assertTrue(ratios.stream().anyMatch(r -> r > 0.5 && r < 0.9), "mixed: " + ratios);
        assertTrue(Files.isSymbolicLink(tree.root().resolve("to-dir")));
        assertTrue(Files.isRegularFile(tree.root().resolve("d1/to-file")));
    }

    @Test
    void changeRewritesOneSmallFileInAHundredKeepingItsSize() throws IOException {
        RehearsalTree tree = RehearsalTree.write(dir.resolve("t"), 1);
        Map<Path, byte[]> before = contents(tree.root());
        tree.change(3);
        Map<Path, byte[]> after = contents(tree.root());

        List<Path> changed = before.keySet().stream().filter(p -> !Arrays.equals(before.get(p), after.get(p)))
                .toList();
        assertEquals((RehearsalTree.SMALL_FILES + 99) / 100, changed.size(), changed.toString());
        changed.forEach(p -> assertEquals(before.get(p).length, after.get(p).length, p.toString()));
        assertFalse(changed.stream().anyMatch(p -> !p.getFileName().toString().startsWith("s")));
    }

    /** Regular files (not followed through links) by path relative to {@code root}. */
    private static Map<Path, byte[]> contents(Path root) throws IOException {
        Map<Path, byte[]> contents = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                contents.put(root.relativize(path), Files.readAllBytes(path));
            }
        }
        return contents;
    }
}
