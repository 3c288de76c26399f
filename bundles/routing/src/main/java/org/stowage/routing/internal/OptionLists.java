package org.stowage.routing.internal;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Comma-separated option values, as job configurations and stowage: endpoint options write lists. Stateless. */
public final class OptionLists {

    private OptionLists() {
    }

    /** The entries of a comma-separated list, trimmed, without empty ones, in order, each once; null for none. */
    public static Set<String> split(String list) {
        Set<String> parts = new LinkedHashSet<>();
        if (list != null) {
            Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(parts::add);
        }
        return parts;
    }
}
