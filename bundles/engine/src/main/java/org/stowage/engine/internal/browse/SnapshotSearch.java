package org.stowage.engine.internal.browse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.stowage.api.repository.FoundEntry;
import org.stowage.api.repository.NodeInfo;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.selection.ExcludeRules;
import org.stowage.engine.internal.selection.PathPattern;
import org.stowage.engine.internal.snapshot.SnapshotRecord;
import org.stowage.engine.internal.tree.Node;
import org.stowage.engine.internal.tree.NodeType;

/**
 * Finds entries by a selection pattern ({@link PathPattern}, the syntax of a backup's {@code --exclude}) across
 * snapshots. A pattern's verdict depends on the path only, so the matches below a tree at a given path are the same
 * in every snapshot that has that tree there: they are computed once and reused (consecutive snapshots share most
 * subtrees). One instance per search.
 */
public final class SnapshotSearch {

    private final Repository repo;
    private final ExcludeRules rules;
    /** Matches below (tree id, path of the tree), relative to nothing: full paths. */
    private final Map<String, List<NodeInfo>> below = new HashMap<>();

    /** @throws IllegalArgumentException if the pattern is not valid or is negated (a negation finds nothing) */
    public SnapshotSearch(Repository repo, String pattern, boolean ignoreCase) {
        if (pattern.startsWith("!")) {
            throw new IllegalArgumentException("find pattern '" + pattern + "' is negated and would find nothing;"
                    + " search without the '!' (write '\\!' for a name that starts with '!')");
        }
        this.repo = repo;
        this.rules = new ExcludeRules(List.of(PathPattern.compile(pattern, ignoreCase)));
    }

    /** The matching entries of each snapshot, in the order given, each snapshot's in path order. */
    public List<FoundEntry> find(List<SnapshotRecord> snapshots) throws IOException {
        List<FoundEntry> found = new ArrayList<>();
        for (SnapshotRecord record : snapshots) {
            for (NodeInfo node : matches(record.snapshot().tree(), "")) {
                found.add(new FoundEntry(record.id(), record.snapshot().time(), node));
            }
        }
        return found;
    }

    private List<NodeInfo> matches(BlobId tree, String prefix) throws IOException {
        String key = (tree == null ? "-" : tree.hex()) + '\0' + prefix;
        List<NodeInfo> cached = below.get(key);
        if (cached != null) {
            return cached;
        }
        List<NodeInfo> out = new ArrayList<>();
        for (Node node : Trees.load(repo, tree).nodes()) {
            String path = prefix + "/" + node.name();
            boolean dir = node.type() == NodeType.DIR;
            if (rules.excluded(path, node.name(), dir)) {
                out.add(Trees.info(path, node));
            }
            if (dir) {
                out.addAll(matches(node.subtree(), path));
            }
        }
        below.put(key, out);
        return out;
    }
}
