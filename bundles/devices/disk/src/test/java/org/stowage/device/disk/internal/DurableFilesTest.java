package org.stowage.device.disk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @TempDir
    Path folder;

    @Test
    void writesTheContentFromItsPosition() throws IOException {
        Path file = folder.resolve("new");
        DurableFiles.writeDurably(file, ByteBuffer.wrap(new byte[] {9, 1, 2, 3}).position(1));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    }

    @Test
    void neverReplacesNorDeletesAnExistingFile() throws IOException {
        Path file = Files.write(folder.resolve("existing"), new byte[] {1, 2, 3});
        assertThrows(FileAlreadyExistsException.class,
                () -> DurableFiles.writeDurably(file, ByteBuffer.wrap(new byte[] {4, 5})));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    }
}
