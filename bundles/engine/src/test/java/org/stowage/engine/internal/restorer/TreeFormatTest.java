package org.stowage.engine.internal.restorer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RestoreResult;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.TestRepositories;
import org.stowage.engine.internal.testing.MemoryRepository;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Special;
import org.stowage.engine.internal.tree.Tree;
import org.stowage.engine.internal.tree.Xattr;

/**
 * The tree format is versioned (docs/design.md §14): trees written before format 2 (no {@code version}, none of the
 * new fields) still parse and restore, format 2 round-trips its new fields, and a newer format is refused by name.
 */
class TreeFormatTest {

    /** Bytes as the format-1 writer produced them: a file, a symlink, a special file, a folder. */
    private static final String FORMAT_1 = "{\"nodes\":["
            + "{\"name\":\"a.txt\",\"type\":\"FILE\",\"mode\":420,\"mtimeNanos\":1700000000123456789,\"size\":5,"
            + "\"inode\":42,\"device\":7,\"uid\":1000,\"gid\":1000,\"user\":\"u\",\"group\":\"g\",\"content\":[\"%s\"]},"
            + "{\"name\":\"fifo\",\"type\":\"OTHER\",\"mode\":420,\"mtimeNanos\":0,\"size\":0,\"inode\":43,\"device\":7,"
            + "\"uid\":0,\"gid\":0,\"content\":[]},"
            + "{\"name\":\"link\",\"type\":\"SYMLINK\",\"mode\":511,\"mtimeNanos\":0,\"size\":0,\"inode\":44,"
            + "\"device\":7,\"uid\":0,\"gid\":0,\"content\":[],\"linkTarget\":\"a.txt\"}]}";

    @TempDir
    Path target;

    @Test
    void aFormatOneTreeReadsAsVersionOneWithoutTheNewFields() throws IOException {
        Tree tree = Json.read(String.format(FORMAT_1, "ab".repeat(32)).getBytes(StandardCharsets.UTF_8), Tree.class);
        assertEquals(1, tree.version());
        Node file = tree.nodes().get(0);
        assertEquals(5, file.size());
        assertNull(file.links());
        assertNull(file.xattrs());
        assertNull(file.rawName());
        assertNull(tree.nodes().get(1).special());
    }

    @Test
    void aFormatOneSnapshotStillRestoresAndItsSpecialFileIsAWarning() throws IOException {
        Repository repository = new MemoryRepository();
        BlobId data = TestRepositories.saveData(repository, ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
        ByteBuffer json = ByteBuffer.wrap(String.format(FORMAT_1, data.hex()).getBytes(StandardCharsets.UTF_8));
        BlobId tree = repository.blobId(json);
        repository.saveBlob(BlobKind.TREE, tree, json);
        repository.flush();
        Map<String, String> warnings = new ConcurrentHashMap<>();
        RestoreResult result = new Restorer(repository).restore(TestRepositories.snapshot(Instant.now(), tree),
                target, List.of(), new ProgressListener() {
                    @Override
                    public void progress(Progress progress) {
                    }

                    @Override
                    public void warning(String item, String message) {
                        warnings.put(item, message);
                    }
                });
        assertEquals(List.of(), result.failures());
        assertEquals("hello", Files.readString(target.resolve("a.txt")));
        assertEquals(0644, (Integer) Files.getAttribute(target.resolve("a.txt"), "unix:mode") & 07777);
        assertEquals(Path.of("a.txt"), Files.readSymbolicLink(target.resolve("link")));
        assertTrue(warnings.get(target.resolve("fifo").toString()).contains("tree format 1"), warnings.toString());
    }

    @Test
    void formatTwoKeepsItsNewFieldsAndIsWrittenWithItsVersion() throws IOException {
        Node node = new Node("n\uFFFD", NodeType.OTHER, 0660, 0, 0, 9, 7, 0, 0, null, null, List.of(), null, null,
                null, "bv8=", 2, Special.CHAR_DEVICE, 1, 3, List.of(new Xattr("user.b", new byte[]{0, -1}),
                new Xattr("system.posix_acl_access", new byte[]{2, 0, 0, 0})));
        byte[] bytes = Json.write(new Tree(List.of(node)));
        assertTrue(new String(bytes, StandardCharsets.UTF_8).startsWith("{\"version\":2,"));
        Node back = Json.read(bytes, Tree.class).nodes().get(0);
        assertEquals(node, back);
        assertEquals("system.posix_acl_access", back.xattrs().get(0).name(), "attributes sorted by name");
        assertArrayEquals(new byte[]{0, -1}, back.xattrs().get(1).value());
    }

    @Test
    void aNewerFormatIsRefusedWithWhatToDo() {
        IOException e = assertThrows(IOException.class,
                () -> Json.read("{\"version\":4,\"nodes\":[]}".getBytes(StandardCharsets.UTF_8), Tree.class));
        assertTrue(e.getMessage().contains("tree format version 4") && e.getMessage().contains("newer Stowage"),
                e.getMessage());
    }

    @Test
    void onlyATreeHoldingAVolumeIsFormat3() throws IOException {
        Node volume = new Node("vm", NodeType.VOLUME, 0600, 0, 1 << 20, 0, 0, -1, -1, null, null, List.of(),
                new BlobId(1, 2, 3, 4), null, null);
        Node file = new Node("f", NodeType.FILE, 0600, 0, 0, 0, 0, -1, -1, null, null, List.of(), null, null, null);
        assertTrue(new String(Json.write(new Tree(List.of(volume))), StandardCharsets.UTF_8)
                .startsWith("{\"version\":3,"));
        assertTrue(new String(Json.write(new Tree(List.of(file))), StandardCharsets.UTF_8)
                .startsWith("{\"version\":2,"), "file trees keep their bytes");
        assertEquals(volume, Json.read(Json.write(new Tree(List.of(volume))), Tree.class).nodes().get(0));
    }
}
