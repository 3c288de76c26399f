package org.stowage.engine.internal.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A directory: its entries sorted by name, so that the same directory always serializes to the same bytes and
 * deduplicates. Stored as a {@link org.stowage.engine.internal.repo.BlobKind#TREE} blob (JSON, see docs/design.md).
 */
public record Tree(List<Node> nodes) {

    public Tree {
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
