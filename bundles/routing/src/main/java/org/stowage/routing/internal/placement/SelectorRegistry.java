package org.stowage.routing.internal.placement;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.selector.NodeSelector;

/**
 * The node selectors registered now, by their {@link NodeSelector#PROP_NAME} (whiteboard): a bundle that installs a
 * selector makes it usable at once; while a placement names one that is not installed, the placement fails with a
 * message that says so. Thread-safe.
 */
public final class SelectorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SelectorRegistry.class);

    private final Map<String, NodeSelector> byName = new ConcurrentHashMap<>();

    /** Takes a selector in under the name in its service properties; one without a name is logged and ignored. */
    public void add(NodeSelector selector, Map<String, ?> properties) {
        Object name = properties.get(NodeSelector.PROP_NAME);
        if (!(name instanceof String text) || text.isBlank()) {
            LOG.warn("ignoring node selector {}: it has no service property '{}'", selector.getClass().getName(),
                    NodeSelector.PROP_NAME);
            return;
        }
        NodeSelector previous = byName.put(text.trim(), selector);
        if (previous != null && previous != selector) {
            LOG.warn("node selector '{}' is registered twice; {} replaces {}", text, selector.getClass().getName(),
                    previous.getClass().getName());
        }
    }

    public void remove(NodeSelector selector) {
        byName.values().removeIf(registered -> registered == selector);
    }

    public Optional<NodeSelector> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The installed names, sorted, for messages. */
    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }
}
