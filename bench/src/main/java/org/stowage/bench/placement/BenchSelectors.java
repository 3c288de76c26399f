package org.stowage.bench.placement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.stowage.api.selector.NodeSelector;
import org.stowage.engine.internal.placement.Selectors;
import org.stowage.routing.internal.placement.SelectorRegistry;
import org.stowage.selectors.internal.CopiesSelector;
import org.stowage.selectors.internal.FastestSelector;
import org.stowage.selectors.internal.StripedSelector;

/**
 * The node selectors of one bench run, new for each run (as after a start of Karaf): the built-in {@code striped},
 * {@code fastest} and {@code copies} with their defaults (window 5), and the bench's {@code oracle}, which always
 * answers the device that is fastest at that moment because the bench tells it. The same instances serve the engine's
 * direct placement ({@link Selectors}) and the Camel routes ({@link #registry()}).
 */
final class BenchSelectors implements Selectors {

    static final String ORACLE = "oracle";

    private final Map<String, NodeSelector> byName = new LinkedHashMap<>();

    /** @param fastestNow the id of the device that is fastest now, for the oracle */
    BenchSelectors(Supplier<String> fastestNow) {
        byName.put("striped", StripedSelector.withWindow(5));
        byName.put("fastest", FastestSelector.withWindow(5));
        byName.put("copies", new CopiesSelector());
        byName.put(ORACLE, oracle(fastestNow));
    }

    @Override
    public Optional<NodeSelector> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The same selectors for the placement routes. */
    SelectorRegistry registry() {
        SelectorRegistry registry = new SelectorRegistry();
        byName.forEach((name, selector) -> registry.add(selector, Map.of(NodeSelector.PROP_NAME, name)));
        return registry;
    }

    /** The device fastest now first, then the others by id (fallbacks). */
    private static NodeSelector oracle(Supplier<String> fastestNow) {
        return (request, candidates) -> {
            String best = fastestNow.get();
            return candidates.stream().map(NodeSelector.Candidate::id)
                    .sorted((a, b) -> a.equals(best) ? -1 : b.equals(best) ? 1 : a.compareTo(b))
                    .toList();
        };
    }
}
