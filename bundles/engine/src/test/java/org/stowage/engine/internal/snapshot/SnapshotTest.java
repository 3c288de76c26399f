package org.stowage.engine.internal.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobId;

/** Snapshot JSON is validated when parsed, with messages that name the missing field. */
class SnapshotTest {

    private static final String TREE = "\"tree\":\"" + "ab".repeat(32) + "\"";
    private static final String TIME = "\"time\":\"2024-01-01T00:00:00Z\"";

    @Test
    void missingFieldsAndNullEntriesAreInvalidSnapshotJson() {
        assertInvalid("{" + TREE + ",\"paths\":[]}", "snapshot has no time");
        assertInvalid("{" + TIME + ",\"paths\":[]}", "snapshot has no tree");
        assertInvalid("{" + TIME + "," + TREE + "}", "snapshot has no paths");
        assertInvalid("{" + TIME + "," + TREE + ",\"paths\":[null]}", "null entry in its paths");
        assertInvalid("{" + TIME + "," + TREE + ",\"paths\":[\"/a\"],\"tags\":[null]}", "null entry in its tags");
    }

    @Test
    void aValidSnapshotStillParses() throws IOException {
        Snapshot snapshot = read("{" + TIME + "," + TREE + ",\"paths\":[\"/a\"]}");
        assertEquals(Set.of(), snapshot.tags());
        assertEquals(null, snapshot.selection(), "a snapshot written before selections backed up everything");
    }

    @Test
    void theSelectionSurvivesJsonAndIsLeftOutWhenThereIsNone() throws IOException {
        SnapshotSelection selection = new SnapshotSelection(List.of("*.log", "!keep.log"), List.of("*.JPG"),
                List.of(new SnapshotSelection.ExcludeFile("/etc/excludes", List.of("/tmp"))), true,
                List.of(".nobackup"), 1 << 30, true, "/etc/list");
        Snapshot snapshot = new Snapshot(Instant.parse("2024-01-01T00:00:00Z"), "h", "u", List.of("/a"), Set.of(), null,
                BlobId.fromHex("ab".repeat(32)), null, null, selection);
        byte[] json = Json.write(snapshot);
        assertEquals(snapshot, Json.read(json, Snapshot.class));
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"excludeFiles\":[{\"path\":\"/etc/excludes\""),
                new String(json, StandardCharsets.UTF_8));
        byte[] plain = Json.write(new Snapshot(snapshot.time(), "h", "u", List.of("/a"), Set.of(), null,
                snapshot.tree(), null, null));
        assertTrue(!new String(plain, StandardCharsets.UTF_8).contains("selection"),
                "unchanged bytes for snapshots of everything");
    }

    private static Snapshot read(String json) throws IOException {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), Snapshot.class);
    }

    private static void assertInvalid(String json, String expected) {
        IOException e = assertThrows(IOException.class, () -> read(json), json);
        assertTrue(e.getMessage().contains("invalid Snapshot JSON") && e.getMessage().contains(expected),
                e.getMessage());
    }
}
