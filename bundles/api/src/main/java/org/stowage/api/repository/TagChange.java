package org.stowage.api.repository;

import java.util.Set;
import java.util.TreeSet;

/**
 * How {@link SnapshotService#tag} changes a snapshot's tags: replace them by {@code set} (when not null), then add
 * {@code add} and remove {@code remove}.
 *
 * @param set    the new tags, or null to keep the current ones
 * @param add    tags to add
 * @param remove tags to remove
 * @since 1.6
 */
public record TagChange(Set<String> set, Set<String> add, Set<String> remove) {

    public TagChange {
        set = set == null ? null : Set.copyOf(set);
        add = add == null ? Set.of() : Set.copyOf(add);
        remove = remove == null ? Set.of() : Set.copyOf(remove);
        if (set == null && add.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException("a tag change needs tags to set, add or remove");
        }
        for (String tag : concat(set, add, remove)) {
            if (tag.isBlank() || tag.contains(",")) {
                throw new IllegalArgumentException("tag '" + tag + "' is not valid: a tag is not blank and holds no"
                        + " comma");
            }
        }
    }

    /** The tags {@code current} has after this change. */
    public Set<String> apply(Set<String> current) {
        Set<String> next = new TreeSet<>(set == null ? current : set);
        next.addAll(add);
        next.removeAll(remove);
        return next;
    }

    private static Set<String> concat(Set<String> set, Set<String> add, Set<String> remove) {
        Set<String> all = new TreeSet<>(add);
        all.addAll(remove);
        if (set != null) {
            all.addAll(set);
        }
        return all;
    }
}
