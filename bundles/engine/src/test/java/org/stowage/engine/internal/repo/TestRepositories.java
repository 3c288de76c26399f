package org.stowage.engine.internal.repo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.stowage.api.device.Device;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/** Small repositories and content for tests: cheap scrypt, small chunks and packs. */
public final class TestRepositories {

    public static final char[] PASSWORD = "correct horse".toCharArray();
    /** 1 KiB / 4 KiB / 16 KiB chunks, 64 KiB packs, zstd 3, scrypt N = 16. */
    public static final RepositoryOptions SMALL = RepositoryOptions.defaults().withChunks(1 << 10, 4 << 10, 16 << 10)
            .withPackSize(64 << 10).withScryptN(16);

    private TestRepositories() {
    }

    public static Repository init(Device device) throws IOException {
        return Repositories.init(device, PASSWORD, SMALL);
    }

    public static Repository open(Device device) throws IOException {
        return Repositories.open(device, PASSWORD);
    }

    /** Random (incompressible) bytes. */
    public static ByteBuffer random(Random rnd, int size) {
        byte[] bytes = new byte[size];
        rnd.nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    /** Text-like (compressible) bytes, distinct per seed. */
    public static ByteBuffer text(long seed, int size) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; out.length() < size; i++) {
            out.append("line ").append(i % 50).append(" of document ").append(seed).append('\n');
        }
        return ByteBuffer.wrap(out.substring(0, size).getBytes(StandardCharsets.US_ASCII));
    }

    /** Saves a data blob and returns its id. */
    public static BlobId saveData(Repository repo, ByteBuffer content) throws IOException {
        BlobId id = repo.blobId(content);
        repo.saveBlob(BlobKind.DATA, id, content);
        return id;
    }

    /** Saves a tree of one file per entry of {@code files}; returns the tree's id. */
    public static BlobId saveTree(Repository repo, List<Node> nodes) throws IOException {
        ByteBuffer json = ByteBuffer.wrap(Json.write(new Tree(nodes)));
        BlobId id = repo.blobId(json);
        repo.saveBlob(BlobKind.TREE, id, json);
        return id;
    }

    public static Node file(String name, List<BlobId> content) {
        return new Node(name, NodeType.FILE, 0644, 0, 0, 0, 0, -1, -1, null, null, content, null, null, null);
    }

    public static Node dir(String name, BlobId subtree) {
        return new Node(name, NodeType.DIR, 0755, 0, 0, 0, 0, -1, -1, null, null, List.of(), subtree, null, null);
    }

    public static Snapshot snapshot(Instant time, BlobId tree) {
        return new Snapshot(time, "host", "user", List.of("/data"), null, null, tree, null, null);
    }
}
