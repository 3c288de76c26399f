package org.stowage.staging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The configuration's defaults, the ${karaf.data} path, and refusals that name the PID and the key. */
class StagingSettingsTest {

    @Test
    void defaultsPutStagingUnderKarafData() {
        StagingSettings settings = StagingSettings.validate("org.stowage.staging", config(
                StagingSettings.DEFAULT_PATH, "1g", "64g", 10), "/opt/karaf/data");
        assertEquals(Path.of("/opt/karaf/data/stowage/staging"), settings.path());
        assertEquals(1L << 30, settings.minBytes());
        assertEquals(64L << 30, settings.maxBytes());
        assertEquals(Duration.ofSeconds(10), settings.poll());
        assertTrue(settings.enabled());
    }

    @Test
    void refusalsNameTheConfigurationAndTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StagingSettings.validate(
                "org.stowage.staging", config("/s", "2g", "1g", 10), null));
        assertTrue(e.getMessage().startsWith("org.stowage.staging: key 'max'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StagingSettings.validate("org.stowage.staging",
                config("/s", "1g", "2g", 0), null));
        assertTrue(e.getMessage().startsWith("org.stowage.staging: key 'poll.seconds'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StagingSettings.validate("org.stowage.staging",
                config(StagingSettings.DEFAULT_PATH, "1g", "2g", 5), null));
        assertTrue(e.getMessage().contains("key 'path'") && e.getMessage().contains("karaf.data"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StagingSettings.validate("org.stowage.staging",
                config("relative/dir", "1g", "2g", 5), null));
        assertTrue(e.getMessage().contains("key 'path'"), e.getMessage());
    }

    private static StagingConfig config(String path, String min, String max, int pollSeconds) {
        return new StagingConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StagingConfig.class;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String min() {
                return min;
            }

            @Override
            public String max() {
                return max;
            }

            @Override
            public int poll_seconds() {
                return pollSeconds;
            }

            @Override
            public int stage_wait_seconds() {
                return 1800;
            }

            @Override
            public boolean enabled() {
                return true;
            }
        };
    }
}
