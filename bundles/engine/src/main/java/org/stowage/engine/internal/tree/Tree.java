package org.stowage.engine.internal.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A directory: its entries sorted by name, so that the same directory always serializes to the same bytes and
 * deduplicates. Stored as a {@link org.stowage.engine.internal.repo.BlobKind#TREE} blob (JSON, see docs/design.md).
 */
public record Tree(List<Node> nodes) {

    /**
     * Sorts and validates, also when parsed: a violation (no entry list, a null entry, a duplicate name) is an
     * {@link IllegalArgumentException}, which {@link org.stowage.engine.internal.json.Json#read} reports as an
     * invalid tree.
     */
    public Tree {
        if (nodes == null || nodes.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("tree has " + (nodes == null ? "no entry list" : "a null entry"));
        }
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing(Node::name));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new IllegalArgumentException("duplicate entry '" + sorted.get(i).name() + "' in a tree");
            }
        }
        nodes = List.copyOf(sorted);
    }
}
