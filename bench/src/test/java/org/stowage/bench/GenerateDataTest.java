package org.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated data set is a function of seed and size: the same bytes, names and times every time. */
class GenerateDataTest {

    private static final long BUDGET = 4 * GenerateData.MIB;

    @TempDir
    Path tmp;

    @Test
    void theSameSeedWritesTheSameTreeAndAnotherSeedAnotherOne() throws IOException {
        GenerateData.Figures a = GenerateData.generate(tmp.resolve("a"), BUDGET, 7);
        GenerateData.generate(tmp.resolve("b"), BUDGET, 7);
        GenerateData.generate(tmp.resolve("c"), BUDGET, 8);
        assertEquals(listing(tmp.resolve("a")), listing(tmp.resolve("b")));
        assertNotEquals(listing(tmp.resolve("a")), listing(tmp.resolve("c")));
        assertEquals(a.bytes(), a.src() + a.mail() + a.db());
        assertTrue(a.bytes() > BUDGET * 9 / 10 && a.bytes() < BUDGET * 11 / 10, "about the size asked for: " + a);
    }

    /** path, size, modification time and SHA-256 of every file, in path order. */
    private static List<String> listing(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().map(f -> {
                try {
                    byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                    return root.relativize(f) + " " + Files.size(f) + " " + Files.getLastModifiedTime(f) + " "
                            + HexFormat.of().formatHex(sha);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
