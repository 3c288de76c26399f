package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/**
 * Reads the parent snapshot's directories as the walker reaches them. When a directory's tree is loaded, the trees
 * of its subdirectories are loaded ahead on {@code loaders} (read, decrypt, verify, parse in parallel with the
 * walker's metadata reads), so the walker rarely waits for one. Memory: the trees of the directories on the current
 * walk path plus their subdirectories' trees not yet reached. A parent tree that cannot be loaded only costs speed:
 * its files are read again, and the listener is warned. {@link #entries} and {@link #child} are called by the
 * walker thread only.
 */
final class ParentTrees {

    private static final Map<String, Node> NONE = Map.of();

    private final ArchiveContext context;
    private final Executor loaders;
    private final Map<BlobId, CompletableFuture<Map<String, Node>>> ahead = new ConcurrentHashMap<>();

    ParentTrees(ArchiveContext context, Executor loaders) {
        this.context = context;
        this.loaders = loaders;
    }

    /**
     * The entries of the parent's tree {@code id} by {@link Node#key()} (a tree loaded ahead if there is one); empty
     * for null.
     */
    Map<String, Node> entries(BlobId id) {
        if (id == null) {
            return NONE;
        }
        CompletableFuture<Map<String, Node>> loaded = ahead.remove(id);
        Map<String, Node> byName = loaded != null ? loaded.join() : load(id);
        for (Node node : byName.values()) {
            if (node.type() == NodeType.DIR && node.subtree() != null && !context.cancelled()) {
                ahead.computeIfAbsent(node.subtree(), sub -> CompletableFuture.supplyAsync(() -> load(sub), loaders));
            }
        }
        return byName;
    }

    /** Loads and parses one tree; never throws: a failure is warned about and yields no entries. */
    private Map<String, Node> load(BlobId id) {
        try {
            Tree tree = Json.read(context.repository.loadBlob(BlobKind.TREE, id), Tree.class);
            Map<String, Node> byName = new HashMap<>();
            tree.nodes().forEach(n -> byName.put(n.key(), n));
            return byName;
        } catch (IOException | StowageException e) {
            context.listener.warning("tree " + id.shortHex(), "cannot read the parent snapshot's tree ("
                    + e.getMessage() + "); the files below it are read again");
            return NONE;
        }
    }

    /** The entries of the parent's directory {@code key} in {@code dir}, empty if it was not a directory. */
    Map<String, Node> child(Map<String, Node> dir, String key) {
        Node node = dir.get(key);
        return node != null && node.type() == NodeType.DIR ? entries(node.subtree()) : NONE;
    }
}
