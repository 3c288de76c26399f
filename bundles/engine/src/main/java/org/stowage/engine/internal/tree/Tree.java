package org.stowage.engine.internal.tree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A directory: its entries sorted by name, so that the same directory always serializes to the same bytes and
 * deduplicates. Stored as a {@link org.stowage.engine.internal.repo.BlobKind#TREE} blob (JSON, see docs/design.md
 * §14).
 *
 * @param version the tree format: 1 (no {@code version} field; entries without hard links, special kinds, raw
 *                names or extended attributes), 2 ({@link #FORMAT}) or 3 (volumes). A newer version is refused:
 *                what it adds could not be restored faithfully
 * @param nodes   the entries, sorted by name (then raw name)
 */
public record Tree(int version, List<Node> nodes) {

    /** The format this code writes for file trees. */
    public static final int FORMAT = 2;
    /**
     * The format of a tree holding a {@link NodeType#VOLUME} entry, which format-2 readers do not know: they refuse
     * it by its version instead of skipping the volume. File trees stay at {@link #FORMAT}, so their bytes (and
     * deduplication) do not change. This code reads every format up to this one.
     */
    public static final int VOLUME_FORMAT = 3;

    private static final Comparator<Node> ORDER = Comparator.comparing(Node::name)
            .thenComparing(n -> n.rawName() == null ? "" : n.rawName());

    /**
     * Sorts and validates, also when parsed: a violation (no entry list, a null entry, a duplicate name, a format
     * newer than {@link #FORMAT}) is an {@link IllegalArgumentException}, which
     * {@link org.stowage.engine.internal.json.Json#read} reports as an invalid tree. A missing version is 1.
     */
    @JsonCreator
    public Tree {
        if (version == 0) {
            version = 1;
        }
        if (version < 1 || version > VOLUME_FORMAT) {
            throw new IllegalArgumentException("tree format version " + version + " is not one this Stowage reads (1 to "
                    + VOLUME_FORMAT + "); restore it with a newer Stowage");
        }
        if (nodes == null || nodes.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("tree has " + (nodes == null ? "no entry list" : "a null entry"));
        }
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort(ORDER);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).key().equals(sorted.get(i - 1).key())) {
                throw new IllegalArgumentException("duplicate entry '" + sorted.get(i).name() + "' in a tree");
            }
        }
        nodes = List.copyOf(sorted);
    }

    /** A tree in the current format: {@link #VOLUME_FORMAT} if it holds a volume, else {@link #FORMAT}. */
    public Tree(List<Node> nodes) {
        this(nodes.stream().anyMatch(n -> n != null && n.type() == NodeType.VOLUME) ? VOLUME_FORMAT : FORMAT, nodes);
    }
}
