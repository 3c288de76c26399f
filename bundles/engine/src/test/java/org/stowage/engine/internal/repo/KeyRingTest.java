package org.stowage.engine.internal.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.repository.RepositoryKeyInfo;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.api.repository.StowageException;
import org.stowage.device.testkit.MemoryDevice;

class KeyRingTest {

    private static final char[] NEW_PASSWORD = "battery staple".toCharArray();

    private final MemoryDevice device = new MemoryDevice("mem");

    @Test
    void aPasswordIsChangedByAddingAKeyReopeningWithItAndRemovingTheOldOne() throws IOException {
        BlobId data;
        String oldKey;
        try (Repository repo = TestRepositories.init(device)) {
            data = TestRepositories.saveData(repo, TestRepositories.text(7, 50_000));
            repo.flush();
            List<RepositoryKeyInfo> keys = repo.administration().keys().list();
            assertEquals(1, keys.size());
            assertTrue(keys.get(0).current());
            oldKey = keys.get(0).id();

            RepositoryKeyInfo added = repo.administration().keys().add(NEW_PASSWORD.clone());
            assertFalse(added.current());
            assertEquals("scrypt", added.kdf());
            assertEquals(List.of(oldKey, added.id()).stream().sorted().toList(),
                    repo.administration().keys().list().stream().map(RepositoryKeyInfo::id).sorted().toList());
        }
        try (Repository repo = Repositories.open(device, NEW_PASSWORD)) {
            assertEquals(TestRepositories.text(7, 50_000), load(repo, data), "the new key opens the same data");
            RepositoryKeyInfo removed = repo.administration().keys().remove(oldKey.substring(0, 10));
            assertEquals(oldKey, removed.id());
            assertEquals(1, repo.administration().keys().list().size());
        }
        RepositoryNotReadyException old = assertThrows(RepositoryNotReadyException.class,
                () -> TestRepositories.open(device));
        assertTrue(old.getMessage().contains("does not open any key"), old.getMessage());
    }

    @Test
    void theKeyTheRepositoryWasOpenedWithAndUnclearIdsAreRefused() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            KeyRing keys = repo.administration().keys();
            String current = keys.list().get(0).id();
            StowageException refused = assertThrows(StowageException.class, () -> keys.remove(current));
            assertTrue(refused.getMessage().contains("opened with"), refused.getMessage());

            keys.add(NEW_PASSWORD.clone());
            StowageException ambiguous = assertThrows(StowageException.class, () -> keys.remove(""));
            assertTrue(ambiguous.getMessage().contains("no key"), ambiguous.getMessage());
            StowageException unknown = assertThrows(StowageException.class, () -> keys.remove("zz"));
            assertTrue(unknown.getMessage().contains("no key") && unknown.getMessage().contains("'zz'"),
                    unknown.getMessage());
            assertEquals(2, keys.list().size(), "nothing removed");
        }
    }

    @Test
    void anEmptyPasswordIsRefusedAndNothingIsWritten() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            KeyRing keys = repo.administration().keys();
            StowageException e = assertThrows(StowageException.class, () -> keys.add(new char[0]));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
            assertEquals(1, keys.list().size());
        }
    }

    @Test
    void anUnusableBlobInKeysIsListedAndCanBeRemoved() throws IOException {
        try (Repository repo = TestRepositories.init(device)) {
            BlobName planted = BlobName.of(BlobType.KEY, "0planted");
            device.put(planted, ByteBuffer.wrap("{\"version\":1,\"kdf\":\"scrypt\",\"n\":1073741824}".getBytes()));
            KeyRing keys = repo.administration().keys();
            List<RepositoryKeyInfo> listed = keys.list();
            assertEquals(2, listed.size(), listed.toString());
            RepositoryKeyInfo unusable = listed.get(1);
            assertEquals("0planted", unusable.id());
            assertTrue(unusable.kdf().startsWith(KeyRing.UNUSABLE) && unusable.kdf().contains("scrypt N 1073741824"),
                    unusable.kdf());
            assertEquals("0planted", keys.remove("0pl").id());
            assertEquals(1, keys.list().size());
            assertTrue(device.stat(planted).isEmpty());
        }
    }

    private static ByteBuffer load(Repository repo, BlobId id) throws IOException {
        return repo.loadBlob(BlobKind.DATA, id);
    }
}
