package org.stowage.device.disk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stowage.device.testkit.TestBlobs.random;
import static org.stowage.device.testkit.TestBlobs.slice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * O_DIRECT writes produce exactly the bytes a buffered write does. Runs in the module's build folder, not in the
 * system's temp folder, which may be a tmpfs (no O_DIRECT); the build folder is on a disk file system.
 */
class UnbufferedWritesTest {

    private static final int SEGMENT = UnbufferedWrites.SEGMENT;

    private Path folder;
    private UnbufferedWrites writes;

    @BeforeEach
    void probe() throws IOException {
        folder = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "unbuffered-writes");
        writes = UnbufferedWrites.probe(folder).orElseThrow(() -> new AssertionError(
                "the file system of the build folder " + folder.toAbsolutePath() + " does not accept O_DIRECT"));
    }

    @AfterEach
    void removeFolder() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void probeLeavesNothingBehind() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void writesExactlyTheContentAtEverySizeAroundBlockAndSegmentBoundaries() throws IOException {
        List<Integer> sizes = List.of(0, 1, 511, 4095, 4096, 4097, SEGMENT - 1, SEGMENT, SEGMENT + 1,
                3 * SEGMENT + 4_321);
        for (int size : sizes) {
            byte[] bytes = random(size + 10, size);
            ByteBuffer content = ByteBuffer.allocateDirect(size + 10).put(bytes).position(7).limit(7 + size);
            Path file = folder.resolve("blob-" + size);
            writes.write(file, content);
            assertEquals(7, content.position(), "the content's position must not move");
            assertArrayEquals(slice(bytes, 7, size), Files.readAllBytes(file), "size " + size);
        }
    }

    @Test
    void heapContentIsWrittenToo() throws IOException {
        byte[] bytes = random(2 * SEGMENT + 3, 5);
        Path file = folder.resolve("heap");
        writes.write(file, ByteBuffer.wrap(bytes));
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void neverReplacesAnExistingFile() throws IOException {
        Path file = Files.write(folder.resolve("existing"), new byte[] {1, 2, 3});
        assertThrows(FileAlreadyExistsException.class,
                () -> writes.write(file, ByteBuffer.wrap(random(SEGMENT + 1, 1))));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    }
}
