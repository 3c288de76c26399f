package org.stowage.engine.internal.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.tree.Tree;

/**
 * A page of a block-state record seen as a tree, for the tree walk that prune, check and copy share
 * ({@code check.TreeWalker}): a head or inner page becomes directories whose subtrees are its child pages, a leaf
 * becomes one file whose content is its stored (non-zero) blocks. So everything that collects what snapshots
 * reference covers volumes without a second walk, and a block a volume snapshot needs is never pruned.
 */
public final class RecordReferences {

    private RecordReferences() {
    }

    /** The page {@code bytes} (a head or a page of any level) as a tree; its directories' subtrees are pages. */
    public static Tree asTree(ByteBuffer bytes, BlobId id) throws IOException {
        if (bytes.remaining() >= 4 && bytes.getInt(bytes.position()) == BlockMapPages.HEAD_MAGIC) {
            return new Tree(List.of(dir("top", BlockMapPages.head(bytes, id).top())));
        }
        BlockMapPages.Page page = BlockMapPages.page(bytes, id);
        List<Node> nodes = new ArrayList<>();
        for (int j = 0; j < page.pages().size(); j++) {
            nodes.add(dir("page-" + j, page.pages().get(j)));
        }
        if (page.level() == 0) {
            List<BlobId> stored = page.blocks().stream().filter(Objects::nonNull).toList();
            nodes.add(new Node("blocks", NodeType.FILE, 0600, 0, 0, 0, 0, -1, -1, null, null, stored, null, null,
                    null));
        }
        return new Tree(nodes);
    }

    private static Node dir(String name, BlobId page) {
        return new Node(name, NodeType.DIR, 0700, 0, 0, 0, 0, -1, -1, null, null, List.of(), page, null, null);
    }
}
