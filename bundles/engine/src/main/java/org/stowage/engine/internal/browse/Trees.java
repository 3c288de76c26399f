package org.stowage.engine.internal.browse;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/** Reading trees for the browsing operations: load one, find the entry at a path, convert to the api. Stateless. */
public final class Trees {

    private Trees() {
    }

    /** An empty tree stands for a directory whose tree is null (it could not be read at backup time). */
    public static Tree load(Repository repo, BlobId tree) throws IOException {
        if (tree == null) {
            return new Tree(List.of());
        }
        return Json.read(repo.loadBlob(BlobKind.TREE, tree), Tree.class);
    }

    /** The names of a '/'-separated path, without empty ones. */
    public static List<String> names(String path) {
        List<String> names = new ArrayList<>();
        if (path != null) {
            for (String part : path.split("/")) {
                if (!part.isEmpty()) {
                    names.add(part);
                }
            }
        }
        return names;
    }

    /**
     * The entry at {@code path} below the root tree, or null for the root itself.
     *
     * @throws StowageException if the path is not in the snapshot
     */
    public static Node entry(Repository repo, BlobId root, String path) throws IOException {
        BlobId tree = root;
        Node node = null;
        for (String name : names(path)) {
            if (node != null && node.type() != NodeType.DIR) {
                throw notFound(path);
            }
            node = load(repo, tree).nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                    .orElseThrow(() -> notFound(path));
            tree = node.subtree();
        }
        return node;
    }

    private static StowageException notFound(String path) {
        return new StowageException("path " + path + " is not in the snapshot; list its parent with stowage:ls to"
                + " see what is");
    }

    /** The api view of {@code node} at {@code path}. */
    public static NodeInfo info(String path, Node node) {
        long nanos = node.mtimeNanos();
        Instant mtime = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
        return new NodeInfo(path, NodeInfo.Type.valueOf(node.type().name()), node.size(), node.mode(), mtime,
                node.linkTarget());
    }
}
