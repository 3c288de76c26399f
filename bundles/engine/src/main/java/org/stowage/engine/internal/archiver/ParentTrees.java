package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/**
 * Reads the parent snapshot's directories, one at a time as the walker reaches them (memory: the directories on
 * the current walk path). A parent tree that cannot be loaded only costs speed: its files are read again, and the
 * listener is warned. Used by the walker thread only.
 */
final class ParentTrees {

    private static final Map<String, Node> NONE = Map.of();

    private final ArchiveContext context;

    ParentTrees(ArchiveContext context) {
        this.context = context;
    }

    /** The entries of the parent's tree {@code id} by name; empty for null. */
    Map<String, Node> entries(BlobId id) {
        if (id == null) {
            return NONE;
        }
        try {
            Tree tree = Json.read(context.repository.loadBlob(BlobKind.TREE, id), Tree.class);
            Map<String, Node> byName = new HashMap<>();
            tree.nodes().forEach(n -> byName.put(n.name(), n));
            return byName;
        } catch (IOException | StowageException e) {
            context.listener.warning("tree " + id.shortHex(), "cannot read the parent snapshot's tree ("
                    + e.getMessage() + "); the files below it are read again");
            return NONE;
        }
    }

    /** The entries of the parent's directory {@code name} in {@code dir}, empty if it was not a directory. */
    Map<String, Node> child(Map<String, Node> dir, String name) {
        Node node = dir.get(name);
        return node != null && node.type() == NodeType.DIR ? entries(node.subtree()) : NONE;
    }
}
