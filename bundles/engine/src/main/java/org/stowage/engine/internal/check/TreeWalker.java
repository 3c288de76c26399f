package org.stowage.engine.internal.check;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;
import org.stowage.engine.internal.volume.RecordReferences;

/**
 * Walks the trees reachable from snapshot roots, each tree once (trees deduplicate across snapshots), and hands
 * every loaded tree with its path to a visitor. A volume's block-state record is walked too: each of its pages is
 * handed over as the tree {@link RecordReferences#asTree} makes of it, so visitors that collect references (prune,
 * check, copy) see a volume's pages as trees and its blocks as file content. A tree that cannot be loaded or parsed goes to the visitor's
 * {@link Visitor#unreadable} instead; its subtrees are then unknown. Not thread-safe.
 */
public final class TreeWalker {

    private final Repository repo;
    private final Set<BlobId> seen = new HashSet<>();
    private final Deque<Pending> queue = new ArrayDeque<>();

    public TreeWalker(Repository repo) {
        this.repo = repo;
    }

    /** Queues a root tree; {@code label} (e.g. the snapshot id) prefixes paths in messages. */
    public void addRoot(BlobId tree, String label) {
        if (seen.add(tree)) {
            queue.add(new Pending(tree, label + ":/", false));
        }
    }

    /** Loads every queued tree and everything below it. */
    public void walk(Visitor visitor) throws IOException {
        for (Pending next = queue.poll(); next != null; next = queue.poll()) {
            Tree tree;
            try {
                ByteBuffer bytes = repo.loadBlob(BlobKind.TREE, next.id());
                tree = next.record() ? RecordReferences.asTree(bytes, next.id()) : Json.read(bytes, Tree.class);
            } catch (StowageException | IOException e) {
                visitor.unreadable(next.id(), next.path(), e);
                continue;
            }
            visitor.tree(next.id(), next.path(), tree);
            for (Node node : tree.nodes()) {
                if (node.subtree() != null && seen.add(node.subtree())) {
                    boolean record = next.record() || node.type() == NodeType.VOLUME;
                    queue.add(new Pending(node.subtree(), next.path() + node.name() + "/", record));
                }
            }
        }
    }

    /** Receives the walk's trees. */
    public interface Visitor {
        void tree(BlobId id, String path, Tree tree) throws IOException;

        void unreadable(BlobId id, String path, Exception problem) throws IOException;
    }

    /** @param record whether the blob is a page of a volume's block-state record rather than a JSON tree */
    private record Pending(BlobId id, String path, boolean record) {
    }
}
