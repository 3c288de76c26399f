package org.stowage.routing.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stowage.api.device.support.ConfigKeys;

/**
 * The validated {@link RoutingConfig}. Every refusal names the configuration and the key.
 *
 * @param statusIntervalMillis how often device status is polled
 * @param probeIntervalMillis  how often idle devices are probed; 0: never
 * @param probeDelayMillis     how long after start the first probe runs
 * @param probeSize            bytes of test data per probe
 * @param routesFolder         the folder of route files, or null for none
 * @param routesIntervalMillis how often the route folder is scanned
 * @param camelJmx             which parts of the CamelContext are JMX MBeans
 */
record RoutingSettings(long statusIntervalMillis, long probeIntervalMillis, long probeDelayMillis, int probeSize,
                       Path routesFolder, long routesIntervalMillis, CamelJmx camelJmx) {

    /** The folder below Karaf's etc/ when the configuration names none. */
    static final String DEFAULT_ROUTES_FOLDER = "stowage-routes";

    /** Without route files and JMX. */
    RoutingSettings(long statusIntervalMillis, long probeIntervalMillis, long probeDelayMillis, int probeSize) {
        this(statusIntervalMillis, probeIntervalMillis, probeDelayMillis, probeSize, null, 0, CamelJmx.OFF);
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");
    private static final long MIN_PROBE_SIZE = 64 * 1024;
    private static final long MAX_PROBE_SIZE = 256L * 1024 * 1024;

    static RoutingSettings from(String config, RoutingConfig values) {
        long status = millis(config, "status.interval", values.status_interval());
        if (status < 100) {
            throw ConfigKeys.invalid(config, "status.interval", "is '" + values.status_interval()
                    + "'; poll at most every 100ms");
        }
        long probe = millis(config, "probe.interval", values.probe_interval());
        long delay = millis(config, "probe.delay", values.probe_delay());
        long size = ConfigKeys.size(config, "probe.size", values.probe_size());
        if (size < MIN_PROBE_SIZE || size > MAX_PROBE_SIZE) {
            throw ConfigKeys.invalid(config, "probe.size", "is '" + values.probe_size() + "'; use 64k to 256m");
        }
        long routesInterval = millis(config, "routes.interval", values.routes_interval());
        return new RoutingSettings(status, probe, delay, (int) size,
                routesInterval == 0 ? null : routesFolder(config, values.routes_folder()), routesInterval,
                CamelJmx.from(config, "camel.jmx", values.camel_jmx()));
    }

    /** The configured folder, or etc/stowage-routes of this Karaf; null outside Karaf without a configured one. */
    private static Path routesFolder(String config, String value) {
        if (value != null && !value.isBlank()) {
            return ConfigKeys.absolutePath(config, "routes.folder", value.trim());
        }
        String etc = System.getProperty("karaf.etc");
        return etc == null ? null : Path.of(etc, DEFAULT_ROUTES_FOLDER);
    }

    boolean routeFilesEnabled() {
        return routesFolder != null;
    }

    boolean probesEnabled() {
        return probeIntervalMillis > 0;
    }

    /** {@code 0} or a whole number with unit ms, s, m or h. */
    static long millis(String config, String key, String value) {
        String text = ConfigKeys.required(config, key, value).toLowerCase(Locale.ROOT);
        if (text.equals("0")) {
            return 0;
        }
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw ConfigKeys.invalid(config, key, "is '" + value + "'; write a whole number with a unit, e.g. "
                    + "500ms, 1s, 5m or 2h");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
    }
}
