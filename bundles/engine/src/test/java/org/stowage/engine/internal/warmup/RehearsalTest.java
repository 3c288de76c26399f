package org.stowage.engine.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RehearsalTest {

    @TempDir
    Path scratch;

    @Test
    void aRoundRestoresAndVerifiesEveryFileOfTheTree() throws IOException {
        RehearsalTree tree = RehearsalTree.write(scratch.resolve("source"), 1);
        assertEquals((long) tree.fileCount(), new Rehearsal(scratch).round(tree, 0), "files restored and read back equal");
        assertEquals(List.of(scratch.resolve("source")), children(scratch), "the restore target is removed");
    }

    @Test
    void aRoundWhoseRestoreCannotWriteEveryFileFails() throws IOException {
        RehearsalTree tree = RehearsalTree.write(scratch.resolve("source"), 1);
        // a file where the restore wants the folder of the tree's root: nothing can be restored below it
        Files.createDirectories(scratch.resolve("restore-0"));
        Files.writeString(scratch.resolve("restore-0").resolve(scratch.getRoot().relativize(scratch).getName(0)),
                "in the way");
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> new Rehearsal(scratch).round(tree, 0));
        assertTrue(failed.getMessage().startsWith("rehearsal restored 0 and verified 0 of " + tree.fileCount()),
                failed.getMessage());
    }

    @Test
    void runsTheRoundsAskedForAndLeaveNothingBehind() throws IOException {
        assertEquals(2, new Rehearsal(scratch).run(2, () -> false));
        assertEquals(List.of(), children(scratch));
    }

    @Test
    void stopsBeforeTheNextRoundWhenAskedTo() throws IOException {
        int[] asked = {0};
        assertEquals(1, new Rehearsal(scratch).run(3, () -> asked[0]++ == 1));
        assertEquals(List.of(), children(scratch));
    }

    @Test
    void deleteTreeRemovesLinksNotTheirTargets(@TempDir Path outside) throws IOException {
        Path kept = Files.writeString(outside.resolve("kept"), "x");
        Path tree = Files.createDirectories(scratch.resolve("t/u"));
        Files.createSymbolicLink(tree.resolve("to-dir"), outside);
        Files.createSymbolicLink(tree.resolve("to-file"), kept);

        Rehearsal.deleteTree(scratch.resolve("t"));
        Rehearsal.deleteTree(scratch.resolve("missing"));

        assertEquals(List.of(), children(scratch));
        assertEquals("x", Files.readString(kept));
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.toList();
        }
    }
}
