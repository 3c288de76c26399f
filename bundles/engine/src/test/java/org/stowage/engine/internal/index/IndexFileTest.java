package org.stowage.engine.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.crypto.Domain;
import org.stowage.engine.internal.crypto.MasterKey;
import org.stowage.engine.internal.crypto.Sealer;
import org.stowage.engine.internal.crypto.Sha256;
import org.stowage.engine.internal.crypto.StoredForm;
import org.stowage.engine.internal.json.Json;

/** Index JSON is validated when parsed: the in-memory index, readers and restore trust what it says. */
class IndexFileTest {

    private static final String PACK = "ab".repeat(32);
    private static final String BLOB = "cd".repeat(32);

    private final MemoryDevice device = new MemoryDevice("mem");
    private final StoredForm form = new StoredForm(new Sealer(MasterKey.random(new SecureRandom()).encryptionKey()),
            3);

    @Test
    void nullListsAndBlobsOutsideTheirPackAreInvalidIndexJson() {
        assertInvalid("{\"version\":1}", "no 'packs' list");
        assertInvalid("{\"version\":1,\"packs\":null}", "no 'packs' list");
        assertInvalid("{\"version\":1,\"packs\":[null]}", "null entry in 'packs'");
        assertInvalid("{\"version\":1,\"packs\":[{\"id\":\"" + PACK + "\",\"size\":100}]}", "no 'blobs' list");
        assertInvalid("{\"version\":1,\"packs\":[{\"id\":\"x\",\"size\":100,\"blobs\":[]}]}", "with id 'x'");
        assertInvalid("{\"version\":3,\"packs\":[]}", "version 3");
        assertInvalid(index(100, "\"kind\":\"DATA\",\"id\":\"" + BLOB + "\",\"offset\":-1,\"storedLength\":40"),
                "offset -1");
        assertInvalid(index(100, "\"kind\":\"DATA\",\"id\":\"" + BLOB + "\",\"offset\":0,\"storedLength\":-5"),
                "stored length -5");
        assertInvalid(index(100, "\"kind\":\"DATA\",\"id\":\"" + BLOB + "\",\"offset\":80,\"storedLength\":40"),
                "which has 100 bytes");
        assertInvalid(index(100, "\"kind\":\"DATA\",\"id\":\"" + BLOB + "\",\"offset\":9223372036854775807,"
                + "\"storedLength\":40"), "which has 100 bytes");
        assertInvalid(index(100, "\"kind\":\"DATA\",\"offset\":0,\"storedLength\":40"), "without id");
        assertInvalid(index(-1, "\"kind\":\"DATA\",\"id\":\"" + BLOB + "\",\"offset\":0,\"storedLength\":40"),
                "size of -1");
    }

    @Test
    void aValidIndexStillParses() throws IOException {
        IndexFile file = Json.read(bytes(index(100, "\"kind\":\"TREE\",\"id\":\"" + BLOB + "\",\"offset\":60,"
                + "\"storedLength\":40,\"plainLength\":11")), IndexFile.class);
        assertEquals(60, file.packs().get(0).blobs().get(0).offset());
    }

    @Test
    void anIndexFileWithoutItsListsIsReportedAndTheOthersStillLoad() throws IOException {
        plant("{\"version\":1,\"packs\":null}");
        plant("{\"version\":1,\"packs\":[{\"id\":\"" + PACK + "\",\"size\":100,\"blobs\":null}]}");
        plant(index(100, "\"kind\":\"DATA\",\"id\":\"" + BLOB + "\",\"offset\":0,\"storedLength\":40,"
                + "\"plainLength\":11"));
        MasterIndex index = new MasterIndex();
        List<String> problems = new ArrayList<>();
        IndexStore store = new IndexStore(device, form, 1 << 20);
        store.load(store.list(), index::add, problems);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.contains("index file index/") && p.contains("unreadable")),
                problems.toString());
        assertTrue(index.hasPack(PACK));
    }

    private void plant(String json) throws IOException {
        byte[] stored = form.encodeToArray(bytes(json), Domain.INDEX);
        device.put(BlobName.of(BlobType.INDEX, Sha256.hex(stored)), ByteBuffer.wrap(stored));
    }

    private static String index(long packSize, String blob) {
        return "{\"version\":1,\"packs\":[{\"id\":\"" + PACK + "\",\"size\":" + packSize + ",\"blobs\":[{" + blob
                + "}]}]}";
    }

    private static void assertInvalid(String json, String expected) {
        IOException e = assertThrows(IOException.class, () -> Json.read(bytes(json), IndexFile.class), json);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
