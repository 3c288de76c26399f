package org.stowage.engine.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void roundsBackUpRestoreAndCheckTheTreeAndLeaveNothingBehind() throws IOException {
        // a round throws unless the restore brought back every file and the check found no error
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
