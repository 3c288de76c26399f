package org.stowage.routing.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.ManagementMBeansLevel;
import org.apache.camel.spi.ManagementAgent;
import org.stowage.api.device.support.ConfigKeys;

/**
 * Which of Stowage's CamelContext's parts Camel registers as JMX MBeans ({@code camel.jmx} in
 * {@code org.stowage.routing.cfg}). Every MBean costs heap for its descriptors and Camel loads a class per kind of
 * managed part, so the host's memory pays for each level (docs/footprint.md has the figures).
 */
enum CamelJmx {
    /** No MBeans, no JMX management at all. */
    OFF(null),
    /** The CamelContext's own MBean (its state, uptime and totals) and those of its components and services. */
    CONTEXT(ManagementMBeansLevel.ContextOnly),
    /**
     * Also every route, endpoint, consumer, producer and thread pool, with their statistics: what a JMX console shows
     * of integrators' routes.
     */
    ROUTES(ManagementMBeansLevel.RoutesOnly),
    /** Camel's default: also every processor, the steps of every route. */
    ALL(ManagementMBeansLevel.Default);

    private final ManagementMBeansLevel level;

    CamelJmx(ManagementMBeansLevel level) {
        this.level = level;
    }

    /** Sets the level on {@code camel}, which has not started yet. */
    void applyTo(CamelContext camel) {
        if (level == null) {
            camel.disableJMX();
            return;
        }
        ManagementAgent agent = camel.getManagementStrategy().getManagementAgent();
        if (agent != null) { // null: Camel's management is not on this class path, so there are no MBeans anyway
            agent.setMBeansLevel(level);
        }
    }

    /** The level a configuration value names, case-insensitive; a refusal names the key and the choices. */
    static CamelJmx from(String config, String key, String value) {
        String text = ConfigKeys.required(config, key, value).toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(choice -> choice.name().equals(text)).findFirst()
                .orElseThrow(() -> ConfigKeys.invalid(config, key, "is '" + value + "'; use one of "
                        + Arrays.stream(values()).map(choice -> choice.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))));
    }
}
