package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.stowage.api.repository.StowageException;
import org.stowage.engine.internal.json.Json;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/** Finds the entries a restore's includes name, before anything is written. Stateless. */
final class Includes {

    private Includes() {
    }

    /** An included entry and the names of the directories above it. */
    record Resolved(List<String> parents, Node node, BlobId rootTree) {

        void plan(RestorePlanner planner, Path root) {
            Path dir = root;
            for (String name : parents) {
                dir = dir.resolve(name);
                if (!planner.directory(dir)) {
                    return;
                }
            }
            if (node == null) {
                planner.tree(rootTree, root);
            } else {
                planner.entry(node, dir.resolve(node.name()));
            }
        }
    }

    /** @throws StowageException if an include is not in the snapshot or holds an unsafe name */
    static List<Resolved> resolve(Repository repository, BlobId root, List<String> includes) {
        List<Resolved> out = new ArrayList<>();
        for (String include : includes) {
            out.add(resolve(repository, root, include));
        }
        return out;
    }

    static Resolved resolve(Repository repository, BlobId root, String include) {
        List<String> names = new ArrayList<>();
        for (String part : include.split("/")) {
            if (!part.isEmpty()) {
                String refusal = EntryNames.refusal(part);
                if (refusal != null) {
                    throw new StowageException("include '" + include + "' is not valid: " + refusal);
                }
                names.add(part);
            }
        }
        if (names.isEmpty()) {
            return new Resolved(List.of(), null, root);
        }
        Node node = null;
        BlobId tree = root;
        for (String name : names) {
            if (tree == null) {
                throw notFound(include);
            }
            node = load(repository, tree, include).nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                    .orElseThrow(() -> notFound(include));
            tree = node.type() == NodeType.DIR ? node.subtree() : null;
        }
        return new Resolved(names.subList(0, names.size() - 1), node, root);
    }

    static Tree load(Repository repository, BlobId tree, String where) {
        try {
            return Json.read(repository.loadBlob(BlobKind.TREE, tree), Tree.class);
        } catch (IOException e) {
            throw new StowageException("cannot read tree " + tree.shortHex() + " on the way to " + where + ": "
                    + e.getMessage() + "; run a check of the repository", e);
        }
    }

    private static StowageException notFound(String include) {
        return new StowageException("path " + include + " is not in the snapshot; list the snapshot to see its"
                + " paths");
    }
}
