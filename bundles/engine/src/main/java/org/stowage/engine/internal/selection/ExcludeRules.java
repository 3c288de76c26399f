package org.stowage.engine.internal.selection;

import java.util.List;

/**
 * An ordered list of {@link PathPattern}s where the last pattern that matches an entry decides (a negated one
 * includes it again), as in a .gitignore file. Since the walk never enters an excluded folder, a negated pattern
 * cannot bring back an entry whose folder is excluded (gitignore behaves the same). Immutable and thread-safe.
 */
public final class ExcludeRules {

    /** Whether an entry is excluded, as far as its path tells. */
    public enum Verdict {
        EXCLUDED,
        INCLUDED,
        /** A folders-only pattern matches: the answer depends on whether the entry is a folder. */
        NEEDS_TYPE
    }

    public static final ExcludeRules NONE = new ExcludeRules(List.of());

    private final List<PathPattern> patterns;

    public ExcludeRules(List<PathPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /**
     * Decides on the path alone, so that an excluded entry costs no stat.
     *
     * @param path the entry's absolute path
     * @param name its last segment
     */
    public Verdict byPath(String path, String name) {
        for (int i = patterns.size() - 1; i >= 0; i--) {
            PathPattern pattern = patterns.get(i);
            if (pattern.matches(path, name, null)) {
                if (pattern.foldersOnly()) {
                    return Verdict.NEEDS_TYPE;
                }
                return pattern.negated() ? Verdict.INCLUDED : Verdict.EXCLUDED;
            }
        }
        return Verdict.INCLUDED;
    }

    /** Decides once the entry's type is known. */
    public boolean excluded(String path, String name, boolean folder) {
        for (int i = patterns.size() - 1; i >= 0; i--) {
            PathPattern pattern = patterns.get(i);
            if (pattern.matches(path, name, folder)) {
                return !pattern.negated();
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
