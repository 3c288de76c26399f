package org.stowage.engine.internal.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stowage.api.repository.SnapshotStats;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

class JsonTest {

    private static final BlobId A = BlobId.fromHex("00".repeat(31) + "0a");
    private static final BlobId B = BlobId.fromHex("ff".repeat(32));

    @Test
    void treeRoundTripsAndIsDeterministic() throws IOException {
        Tree tree = new Tree(List.of(
                new Node("b.txt", NodeType.FILE, 0644, 1_700_000_000_123_456_789L, 5, 42, 7, 1000, 1000,
                        "alice", "staff", List.of(A, B), null, null, null),
                new Node("a", NodeType.DIR, 0755, 0, 0, 43, 7, 0, 0, null, null, List.of(), B, null, null)));
        byte[] json = Json.write(tree);
        assertEquals(tree, Json.read(json, Tree.class));
        assertArrayEquals(json, Json.write(Json.read(json, Tree.class)));
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.indexOf("\"a\"") < text.indexOf("\"b.txt\""), "entries sorted by name: " + text);
        assertTrue(text.contains(B.hex()), "ids as hex: " + text);
    }

    @Test
    void snapshotRoundTrips() throws IOException {
        Snapshot snapshot = new Snapshot(Instant.parse("2026-11-24T01:02:03.456Z"), "h", "u", List.of("/data"),
                Set.of("nightly"), null, A, new SnapshotStats(1, 2, 3, 4, 5, 6, 7, 8, 0, Duration.ofMillis(9)),
                null);
        assertEquals(snapshot, Json.read(Json.write(snapshot), Snapshot.class));
    }

    @Test
    void malformedIdIsRejectedWithTheTypeNamed() {
        byte[] bad = "{\"nodes\":[{\"name\":\"x\",\"type\":\"DIR\",\"subtree\":\"zz\"}]}".getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> Json.read(bad, Tree.class));
        assertTrue(e.getMessage().contains("Tree"), e.getMessage());
    }
}
