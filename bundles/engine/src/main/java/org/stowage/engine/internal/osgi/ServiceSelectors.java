package org.stowage.engine.internal.osgi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.selector.NodeSelector;
import org.stowage.engine.internal.placement.Selectors;

/**
 * The node selectors registered as OSGi services, by their {@link NodeSelector#PROP_NAME}. A bundle that installs a
 * selector makes it usable at once; when the bundle goes, placements that name it fail with a message that says it
 * is not installed. Thread-safe.
 */
final class ServiceSelectors implements Selectors {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceSelectors.class);

    private final Map<String, NodeSelector> byName = new ConcurrentHashMap<>();

    void add(NodeSelector selector, Map<String, Object> properties) {
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

    void remove(NodeSelector selector) {
        byName.values().removeIf(registered -> registered == selector);
    }

    @Override
    public Optional<NodeSelector> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }
}
