package org.stowage.engine.internal.browse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.stowage.api.repository.NodeInfo;
import org.stowage.api.repository.SnapshotDiff.Change;
import org.stowage.api.repository.SnapshotDiff.Kind;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;
import org.stowage.engine.internal.volume.BlockMapPages;

/**
 * Compares two snapshots' trees. Both trees are walked together, entries matched by name; a directory whose
 * subtree id is the same on both sides holds the same entries, so it is not loaded. An added or removed directory
 * is listed with everything below it. Content is compared by blob ids (never by reading data); metadata by mode,
 * owner (ids and names), modification time, hard-link count and extended attributes. Inode and device numbers are
 * not compared: a snapshot of a restored or moved tree differs in them only. One instance per comparison.
 */
public final class SnapshotDiffer {

    private final Repository repo;
    private final List<Change> changes = new ArrayList<>();

    public SnapshotDiffer(Repository repo) {
        this.repo = repo;
    }

    /** The changes from root tree {@code from} to root tree {@code to}, in path order. */
    public List<Change> diff(BlobId from, BlobId to) throws IOException {
        trees(from, to, "");
        return changes;
    }

    private void trees(BlobId from, BlobId to, String prefix) throws IOException {
        if (Objects.equals(from, to)) {
            return;
        }
        Map<String, Node[]> pairs = new TreeMap<>();
        for (Node node : Trees.load(repo, from).nodes()) {
            pairs.computeIfAbsent(node.key(), k -> new Node[2])[0] = node;
        }
        for (Node node : Trees.load(repo, to).nodes()) {
            pairs.computeIfAbsent(node.key(), k -> new Node[2])[1] = node;
        }
        for (Node[] pair : pairs.values()) {
            entry(pair[0], pair[1], prefix);
        }
    }

    private void entry(Node before, Node after, String prefix) throws IOException {
        String path = prefix + "/" + (after == null ? before : after).name();
        if (after == null) {
            all(before, path, Kind.REMOVED);
        } else if (before == null) {
            all(after, path, Kind.ADDED);
        } else if (before.type() != after.type()) {
            add(path, Kind.MODIFIED, before, after);
            if (before.type() == NodeType.DIR) {
                below(before.subtree(), path, Kind.REMOVED);
            }
            if (after.type() == NodeType.DIR) {
                below(after.subtree(), path, Kind.ADDED);
            }
        } else {
            if (!sameContent(before, after) || after.type() == NodeType.VOLUME && !sameBlocks(before, after)) {
                add(path, Kind.MODIFIED, before, after);
            } else if (!sameMetadata(before, after)) {
                add(path, Kind.METADATA, before, after);
            }
            if (after.type() == NodeType.DIR) {
                trees(before.subtree(), after.subtree(), path);
            }
        }
    }

    /** {@code node} and, for a directory, everything below it. */
    private void all(Node node, String path, Kind kind) throws IOException {
        add(path, kind, kind == Kind.REMOVED ? node : null, kind == Kind.ADDED ? node : null);
        if (node.type() == NodeType.DIR) {
            below(node.subtree(), path, kind);
        }
    }

    private void below(BlobId tree, String path, Kind kind) throws IOException {
        for (Node child : Trees.load(repo, tree).nodes()) {
            all(child, path + "/" + child.name(), kind);
        }
    }

    private void add(String path, Kind kind, Node before, Node after) {
        Node shown = after == null ? before : after;
        changes.add(new Change(path, kind, NodeInfo.Type.valueOf(shown.type().name()),
                before == null ? 0 : before.size(), after == null ? 0 : after.size()));
    }

    /** Directories have no content of their own: their entries are compared one by one. */
    private static boolean sameContent(Node a, Node b) {
        return a.size() == b.size() && a.content().equals(b.content())
                && Objects.equals(a.linkTarget(), b.linkTarget()) && a.special() == b.special()
                && Objects.equals(a.major(), b.major()) && Objects.equals(a.minor(), b.minor())
                && Objects.equals(a.error(), b.error());
    }

    /**
     * Whether two records of a volume hold the same blocks: equal top pages (the head differs anyway, by its
     * generation). A full backup restamps every block's generation, so after one this says "modified" although the
     * bytes may be equal: the cautious answer.
     */
    private boolean sameBlocks(Node a, Node b) throws IOException {
        if (a.subtree().equals(b.subtree())) {
            return true;
        }
        return BlockMapPages.head(repo.loadBlob(BlobKind.TREE, a.subtree()), a.subtree()).top()
                .equals(BlockMapPages.head(repo.loadBlob(BlobKind.TREE, b.subtree()), b.subtree()).top());
    }

    private static boolean sameMetadata(Node a, Node b) {
        return a.mode() == b.mode() && a.mtimeNanos() == b.mtimeNanos() && a.uid() == b.uid() && a.gid() == b.gid()
                && Objects.equals(a.user(), b.user()) && Objects.equals(a.group(), b.group())
                && Objects.equals(a.links(), b.links()) && Objects.equals(a.xattrs(), b.xattrs());
    }
}
