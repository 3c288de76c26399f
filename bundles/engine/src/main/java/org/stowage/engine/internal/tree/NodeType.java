package org.stowage.engine.internal.tree;

/**
 * The type of a tree entry. {@link #VOLUME} (tree format 3): a block volume whose {@code subtree} is the head of its
 * block-state record (docs/design.md §17), not a tree.
 */
public enum NodeType {
    FILE, DIR, SYMLINK, OTHER, VOLUME
}
