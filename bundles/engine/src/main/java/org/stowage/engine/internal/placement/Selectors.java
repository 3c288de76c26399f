package org.stowage.engine.internal.placement;

import java.util.List;
import java.util.Optional;

import org.stowage.api.selector.NodeSelector;

/** The node selectors installed now, by name (OSGi services in Karaf, a fixed set in tests). Thread-safe. */
public interface Selectors {

    /** No selector is installed: only the repository's configured order is available. */
    Selectors NONE = new Selectors() {
        @Override
        public Optional<NodeSelector> named(String name) {
            return Optional.empty();
        }

        @Override
        public List<String> names() {
            return List.of();
        }
    };

    Optional<NodeSelector> named(String name);

    /** The names of the installed selectors, for messages. */
    List<String> names();
}
