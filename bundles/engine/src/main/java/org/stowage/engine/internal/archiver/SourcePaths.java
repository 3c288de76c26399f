package org.stowage.engine.internal.archiver;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.stowage.api.repository.StowageException;

/**
 * The backed-up paths as a trie from "/": the snapshot's root tree mirrors it, with the directories above a
 * backed-up path as plain levels. Paths are absolute and normalized; a path below another one is dropped (the
 * outer one covers it). Immutable after construction.
 */
final class SourcePaths {

    /** Whether this level is a backed-up path (then it has no children: the walk covers everything below). */
    boolean target;
    final Map<String, SourcePaths> children = new TreeMap<>();

    private SourcePaths(boolean target) {
        this.target = target;
    }

    /**
     * Checks that every path exists (without following a final symbolic link) and builds the trie.
     *
     * @throws StowageException naming the first missing path, before anything is read or written
     */
    static SourcePaths of(List<Path> paths) {
        SourcePaths root = new SourcePaths(false);
        for (Path p : normalize(paths)) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new StowageException("source path " + p + " does not exist; check the backup's paths");
            }
            root.add(p);
        }
        return root;
    }

    /** The trie of one logical path of a backup from replicas, which need not exist on this host. */
    static SourcePaths logical(Path path) {
        SourcePaths root = new SourcePaths(false);
        root.add(path);
        return root;
    }

    /** The absolute, normalized, sorted paths without duplicates or paths nested in another. */
    static List<Path> normalize(List<Path> paths) {
        List<Path> sorted = new ArrayList<>();
        paths.forEach(p -> sorted.add(p.toAbsolutePath().normalize()));
        sorted.sort(null);
        List<Path> out = new ArrayList<>();
        for (Path p : sorted) {
            if (out.isEmpty() || !p.startsWith(out.get(out.size() - 1))) {
                out.add(p);
            }
        }
        return out;
    }

    private void add(Path path) {
        if (path.getNameCount() == 0) {
            target = true; // "/" itself: normalize() dropped every other path
            return;
        }
        SourcePaths level = this;
        for (int i = 0; i < path.getNameCount(); i++) {
            boolean last = i == path.getNameCount() - 1;
            level = level.children.computeIfAbsent(path.getName(i).toString(), n -> new SourcePaths(last));
        }
    }
}
