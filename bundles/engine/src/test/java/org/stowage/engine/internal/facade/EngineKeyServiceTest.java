package org.stowage.engine.internal.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.RepositoryKeyInfo;
import org.stowage.api.repository.StowageException;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.TestRepositories;

class EngineKeyServiceTest {

    @TempDir
    Path dir;

    private final MemoryDevice device = new MemoryDevice("mem");

    @Test
    void aKeyAddedFromAPasswordFileOpensWithThatFilesFirstLine() throws IOException {
        Path file = Files.writeString(dir.resolve("new.password"), "battery staple\nsecond line is ignored\n");
        try (Repository repo = TestRepositories.init(device)) {
            RepositoryKeyInfo added = new EngineKeyService(() -> repo).addKey(file);
            assertEquals(2, new EngineKeyService(() -> repo).keys().size());
            assertFalse(added.current());
        }
        try (Repository reopened = Repositories.open(device, "battery staple".toCharArray())) {
            assertEquals(2, reopened.administration().keys().list().size());
        }
    }

    @Test
    void aMissingPasswordFileIsNamedAndNoKeyIsAdded() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            EngineKeyService keys = new EngineKeyService(() -> repo);
            Path missing = dir.resolve("missing.password");
            StowageException e = assertThrows(StowageException.class, () -> keys.addKey(missing));
            assertTrue(e.getMessage().contains("cannot read the new key's password file " + missing),
                    e.getMessage());
            assertFalse(e.getMessage().contains("password.file"), "the repository's setting is not the remedy here: "
                    + e.getMessage());
            assertEquals(1, keys.keys().size());
        }
    }
}
