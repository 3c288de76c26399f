package org.stowage.engine.internal.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.repository.RepositoryLockInfo;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.MasterKey;
import org.stowage.engine.internal.crypto.Sealer;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.json.Json;

/** Lock JSON is validated when parsed: freshness needs the time, and messages the host and operation. */
class LockInfoTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void aLockWithoutTimeHostOrOperationIsInvalid() {
        for (String json : new String[] {"{}", "{\"host\":\"h\",\"pid\":1,\"operation\":\"backup\"}",
                "{\"pid\":1,\"time\":\"2024-01-01T00:00:00Z\",\"operation\":\"backup\"}",
                "{\"host\":\"h\",\"pid\":-2,\"time\":\"2024-01-01T00:00:00Z\",\"operation\":\"backup\"}"}) {
            IOException e = assertThrows(IOException.class,
                    () -> Json.read(json.getBytes(StandardCharsets.UTF_8), LockInfo.class), json);
            assertTrue(e.getMessage().contains("invalid LockInfo JSON") && e.getMessage().contains("lock has"),
                    e.getMessage());
        }
    }

    @Test
    void aLockBlobWithoutTimeIsListedAsUnreadableAndStale() throws IOException {
        MemoryDevice device = new MemoryDevice("mem");
        StoredForm form = new StoredForm(new Sealer(MasterKey.random(RANDOM).encryptionKey()), 3);
        BlobName name = BlobName.of(BlobType.LOCK, "0123456789abcdef0123456789abcdef");
        device.put(name, ByteBuffer.wrap(form.encodeToArray(
                "{\"host\":\"h\",\"pid\":1,\"operation\":\"backup\",\"shared\":true}".getBytes(StandardCharsets.UTF_8),
                Domain.LOCK)));
        RepositoryLock lock = new RepositoryLock(device, form, "0123456789abcdef".repeat(4), RANDOM);
        List<RepositoryLockInfo> listed = lock.list();
        assertEquals(1, listed.size());
        assertEquals(name.id(), listed.get(0).id());
        assertTrue(listed.get(0).operation().contains("unreadable lock blob") && listed.get(0).operation()
                .contains("time null"), listed.get(0).operation());
        assertTrue(listed.get(0).stale());
    }
}
