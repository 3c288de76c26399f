package org.stowage.engine.internal.repo;

/**
 * What a blob holds. A pack holds blobs of one kind only, so that tree packs (small, read by every listing, check
 * and prune) never sit between data packs.
 */
public enum BlobKind {
    /** A chunk of file or volume content. */
    DATA,
    /** A serialized {@link org.stowage.engine.internal.tree.Tree}. */
    TREE
}
