package org.stowage.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.Test;

class RoutingSettingsTest {

    private static final String CONFIG = "org.stowage.routing";

    @Test
    void defaultsPollEverySecondAndProbeFourMibEveryFiveMinutes() {
        RoutingSettings settings = RoutingSettings.from(CONFIG, config("1s", "5m", "30s", "4m"));

        assertEquals(new RoutingSettings(1_000, 300_000, 30_000, 4 * 1024 * 1024, null, 2_000, CamelJmx.OFF),
                settings, "outside Karaf (no karaf.etc) and without routes.folder there are no route files");
    }

    @Test
    void routeFilesComeFromTheConfiguredAbsoluteFolderUnlessTheIntervalIsZero() {
        RoutingSettings settings = RoutingSettings.from(CONFIG,
                config("1s", "5m", "30s", "4m", "/srv/routes", "500ms"));
        assertEquals(java.nio.file.Path.of("/srv/routes"), settings.routesFolder());
        assertEquals(500, settings.routesIntervalMillis());
        assertFalse(RoutingSettings.from(CONFIG, config("1s", "5m", "30s", "4m", "/srv/routes", "0"))
                .routeFilesEnabled());
        assertEquals("org.stowage.routing: key 'routes.folder' is 'routes'; use an absolute path",
                refusal(config("1s", "5m", "30s", "4m", "routes", "2s")));
    }

    @Test
    void camelJmxIsOneOfFourLevelsInAnyCase() {
        assertEquals(CamelJmx.OFF, RoutingSettings.from(CONFIG, config("1s", "5m", "30s", "4m", "", "2s", "Off"))
                .camelJmx());
        assertEquals(CamelJmx.ALL, RoutingSettings.from(CONFIG, config("1s", "5m", "30s", "4m", "", "2s", "all"))
                .camelJmx());
        assertEquals("org.stowage.routing: key 'camel.jmx' is 'full'; use one of off, context, routes, all",
                refusal(config("1s", "5m", "30s", "4m", "", "2s", "full")));
        assertEquals("org.stowage.routing: key 'camel.jmx' is missing",
                refusal(config("1s", "5m", "30s", "4m", "", "2s", "")));
    }

    @Test
    void zeroTurnsProbesOff() {
        assertFalse(RoutingSettings.from(CONFIG, config("500ms", "0", "0", "64k")).probesEnabled());
    }

    @Test
    void badValuesAreRefusedNamingTheConfigurationAndTheKey() {
        assertEquals("org.stowage.routing: key 'status.interval' is '1 sec'; write a whole number with a unit, "
                + "e.g. 500ms, 1s, 5m or 2h", refusal(config("1 sec", "5m", "30s", "4m")));
        assertEquals("org.stowage.routing: key 'status.interval' is '50ms'; poll at most every 100ms",
                refusal(config("50ms", "5m", "30s", "4m")));
        assertEquals("org.stowage.routing: key 'probe.size' is '1g'; use 64k to 256m",
                refusal(config("1s", "5m", "30s", "1g")));
        assertEquals("org.stowage.routing: key 'probe.delay' is missing", refusal(config("1s", "5m", " ", "4m")));
    }

    private static String refusal(RoutingConfig config) {
        return assertThrows(IllegalArgumentException.class, () -> RoutingSettings.from(CONFIG, config)).getMessage();
    }

    private static RoutingConfig config(String status, String probe, String delay, String size) {
        return config(status, probe, delay, size, "", "2s");
    }

    private static RoutingConfig config(String status, String probe, String delay, String size, String folder,
                                        String interval) {
        return config(status, probe, delay, size, folder, interval, "off");
    }

    private static RoutingConfig config(String status, String probe, String delay, String size, String folder,
                                        String interval, String camelJmx) {
        return new RoutingConfig() {
            @Override
            public String camel_jmx() {
                return camelJmx;
            }

            @Override
            public String routes_folder() {
                return folder;
            }

            @Override
            public String routes_interval() {
                return interval;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return RoutingConfig.class;
            }

            @Override
            public String status_interval() {
                return status;
            }

            @Override
            public String probe_interval() {
                return probe;
            }

            @Override
            public String probe_delay() {
                return delay;
            }

            @Override
            public String probe_size() {
                return size;
            }
        };
    }
}
