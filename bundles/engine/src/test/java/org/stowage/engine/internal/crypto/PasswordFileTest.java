package org.stowage.engine.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.RepositoryNotReadyException;

class PasswordFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFirstLineOnly() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret\nignored\n");
        assertArrayEquals("s3cret".toCharArray(), new PasswordFile(file).read());
    }

    @Test
    void generatesAnOwnerOnlyRandomPassword() throws IOException {
        PasswordFile file = new PasswordFile(dir.resolve("sub/pw"));
        assertFalse(file.exists());
        file.generate();
        assertTrue(file.exists());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        assertEquals(43, file.read().length, "256 bits in base64url");
    }

    @Test
    void generatingCreatesOwnerOnlyFoldersAndLeavesNoTemporaryFile() throws IOException {
        PasswordFile file = new PasswordFile(dir.resolve("etc/stowage/repository.password"));
        file.generate();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("etc"))));
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("etc/stowage"))));
        try (Stream<Path> files = Files.list(dir.resolve("etc/stowage"))) {
            assertEquals(List.of(file.path()), files.toList());
        }
        assertEquals(Optional.empty(), file.permissionProblem());
    }

    @Test
    void aFileOthersCanReadIsNamedWithTheCommandThatFixesIt() throws IOException {
        Path path = Files.writeString(dir.resolve("pw"), "s3cret\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r-----"));
        String problem = new PasswordFile(path).permissionProblem().orElseThrow();
        assertTrue(problem.contains(path + " has permissions rw-r-----") && problem.contains("chmod 600 " + path),
                problem);
        assertFalse(problem.contains("s3cret"), problem);
        assertArrayEquals("s3cret".toCharArray(), new PasswordFile(path).read(), "a warning, not a refusal");

        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.empty(), new PasswordFile(path).permissionProblem());
    }

    @Test
    void neverReplacesAnExistingPassword() throws IOException {
        Path path = Files.writeString(dir.resolve("pw"), "keep-me\n");
        assertThrows(IOException.class, () -> new PasswordFile(path).generate());
        assertEquals("keep-me\n", Files.readString(path));
    }

    @Test
    void missingOrEmptyFileIsNamedButNoSecretIsShown() throws IOException {
        Path missing = dir.resolve("none");
        RepositoryNotReadyException e = assertThrows(RepositoryNotReadyException.class,
                () -> new PasswordFile(missing).read());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        e = assertThrows(RepositoryNotReadyException.class, () -> new PasswordFile(empty).read());
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }
}
