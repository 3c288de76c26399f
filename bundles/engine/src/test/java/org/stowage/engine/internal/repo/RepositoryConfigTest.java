package org.stowage.engine.internal.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.stowage.engine.internal.json.Json;

/** The config blob is validated when parsed: the chunker, the packer and the readers size buffers from it. */
class RepositoryConfigTest {

    private static final String ID = "ab".repeat(32);

    @Test
    void sizesThatWouldOverflowOrExhaustBuffersAreInvalid() {
        assertInvalid(config(ID, 1 << 10, 1 << 30, Integer.MAX_VALUE, Integer.MAX_VALUE), "max <= 67108864");
        assertInvalid(config(ID, 1 << 10, 1 << 12, 1 << 14, Integer.MAX_VALUE), "larger than 536870912");
        assertInvalid(config(ID, 1, 2, 4, 4), "64 < min");
        assertInvalid(config(null, 1 << 10, 1 << 12, 1 << 14, 1 << 16), "repository id 'null'");
        assertInvalid(config("../x", 1 << 10, 1 << 12, 1 << 14, 1 << 16), "repository id '../x'");
        assertInvalid(config(ID, 1 << 10, 1 << 12, 1 << 14, 1 << 16).replace("\"version\":1", "\"version\":7"),
                "version 7");
    }

    @Test
    void theDefaultsAndTheLargestAcceptedStillParse() throws IOException {
        assertEquals(16 << 20, read(config(ID, 512 << 10, 1 << 20, 4 << 20, 16 << 20)).packSize());
        assertEquals(RepositoryConfig.MAX_PACK, read(config(ID, 1 << 20, 1 << 25, RepositoryConfig.MAX_CHUNK,
                RepositoryConfig.MAX_PACK)).packSize());
    }

    private static String config(String id, int min, int avg, int max, int pack) {
        return "{\"version\":1,\"id\":" + (id == null ? "null" : "\"" + id + "\"") + ",\"chunkerSeed\":5,\"chunkMin\":"
                + min + ",\"chunkAvg\":" + avg + ",\"chunkMax\":" + max + ",\"packSize\":" + pack
                + ",\"compressionLevel\":3}";
    }

    private static RepositoryConfig read(String json) throws IOException {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), RepositoryConfig.class);
    }

    private static void assertInvalid(String json, String expected) {
        IOException e = assertThrows(IOException.class, () -> read(json), json);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
