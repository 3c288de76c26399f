package org.stowage.engine.internal.tree;

/** The type of a tree entry. */
public enum NodeType {
    FILE, DIR, SYMLINK, OTHER
}
