package org.stowage.engine.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.repository.RepositoryNotReadyException;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.TestRepositories;

/**
 * Key files are plaintext and unauthenticated until their scrypt has run: a planted or damaged one must be skipped
 * (and reported), never abort the open nor make it exhaust memory or CPU.
 */
class KeyFilesTest {

    private final MemoryDevice device = new MemoryDevice("mem");

    /** Names sort before any real key file's hex id, so open tries them first. */
    private static final BlobName FIRST = BlobName.of(BlobType.KEY, "0");
    private static final BlobName SECOND = BlobName.of(BlobType.KEY, "00");

    @Test
    void aKeyFileAskingForHugeScryptMemoryIsSkippedAndTheNextOneOpens() throws IOException {
        TestRepositories.init(device).close();
        // 128 · 2^30 · 8 bytes = 1 TiB: before the bound, open tried to allocate it
        plant(FIRST, keyJson(1 << 30, 8, 1, 32, KeyFile.WRAPPED_BYTES));
        // 2^20 rounds of p: minutes of CPU, also refused
        plant(SECOND, keyJson(16, 1, 1 << 20, 32, KeyFile.WRAPPED_BYTES));
        try (Repository repo = TestRepositories.open(device)) {
            assertTrue(repo.format().indexedPacks().isEmpty());
        }
    }

    @Test
    void undecodableKeyFilesAreSkippedAndTheNextOneOpens() throws IOException {
        TestRepositories.init(device).close();
        plant(FIRST, "{not json".getBytes(StandardCharsets.UTF_8));
        plant(SECOND, "{\"version\":1,\"kdf\":\"scrypt\",\"n\":\"many\"}".getBytes(StandardCharsets.UTF_8));
        plant(BlobName.of(BlobType.KEY, "000"), "{\"version\":1,\"kdf\":\"scrypt\",\"n\":16,\"r\":8,\"p\":1}"
                .getBytes(StandardCharsets.UTF_8));
        try (Repository repo = TestRepositories.open(device)) {
            assertTrue(repo.format().indexedPacks().isEmpty());
        }
    }

    @Test
    void whenNoKeyOpensTheErrorNamesTheSkippedFilesAndWhy() {
        plant(FIRST, keyJson(1 << 30, 8, 1, 32, KeyFile.WRAPPED_BYTES));
        plant(SECOND, keyJson(16, 8, 1, 4, KeyFile.WRAPPED_BYTES));
        plant(BlobName.of(BlobType.KEY, "000"), "[]".getBytes(StandardCharsets.UTF_8));
        RepositoryNotReadyException e = assertThrows(RepositoryNotReadyException.class,
                () -> Repositories.open(device, TestRepositories.PASSWORD));
        String message = e.getMessage();
        assertTrue(message.contains("does not open any key"), message);
        assertTrue(message.contains("3 skipped"), message);
        assertTrue(message.contains("keys/0 ") && message.contains("scrypt N 1073741824"), message);
        assertTrue(message.contains("keys/00 ") && message.contains("salt has 4 bytes"), message);
        assertTrue(message.contains("keys/000 "), message);
    }

    @Test
    void aKeyFileLargerThanAnyKeyFileIsNotReadIntoMemory() throws IOException {
        TestRepositories.init(device).close();
        plant(FIRST, new byte[KeyFiles.MAX_FILE_BYTES + 1]);
        try (Repository repo = TestRepositories.open(device)) {
            assertTrue(repo.format().indexedPacks().isEmpty());
        }
    }

    @Test
    void scryptBoundsAreEnforcedWhereKeysAreWrittenToo() {
        KeyFiles.checkCost(1 << 15);
        KeyFiles.checkCost(1 << 18);
        assertThrows(IllegalArgumentException.class, () -> KeyFiles.checkCost(1 << 19)); // 512 MiB at r = 8
        assertThrows(IllegalArgumentException.class, () -> KeyFiles.checkCost(3));
        assertThrows(IllegalArgumentException.class, () -> KeyFiles.checkCost(1));
        assertThrows(IllegalArgumentException.class, () -> KeyFile.checkScrypt(1 << 20, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> KeyFile.checkScrypt(16, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> KeyFile.checkScrypt(16, 33, 1));
        assertThrows(IllegalArgumentException.class, () -> KeyFile.checkScrypt(16, 1, 17));
        assertThrows(IllegalArgumentException.class, () -> KeyFile.checkScrypt(Integer.MIN_VALUE, 1, 1));
        KeyFile.checkScrypt(KeyFile.MAX_N, 2, 4); // 256 MiB, 1 GiB of work: the largest accepted
        assertEquals(KeyFile.MAX_MEMORY * 4, KeyFile.MAX_WORK);
    }

    private void plant(BlobName name, byte[] content) {
        try {
            device.put(name, ByteBuffer.wrap(content));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] keyJson(int n, int r, int p, int saltBytes, int wrappedBytes) {
        Base64.Encoder b64 = Base64.getEncoder();
        return ("{\"version\":1,\"created\":\"2024-01-01T00:00:00Z\",\"host\":\"intruder\",\"kdf\":\"scrypt\","
                + "\"n\":" + n + ",\"r\":" + r + ",\"p\":" + p + ",\"salt\":\"" + b64.encodeToString(new byte[saltBytes])
                + "\",\"wrapped\":\"" + b64.encodeToString(new byte[wrappedBytes]) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
