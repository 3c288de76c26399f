package org.stowage.api.device.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConfigKeysTest {

    private static final String PID = "org.stowage.device.x";
    private static final String CONFIG = "org.stowage.device.x-one";

    @Test
    void configNameComesFromTheCfgFileOrThePid() {
        assertEquals(CONFIG, ConfigKeys.configName(Map.of("felix.fileinstall.filename",
                "file:/opt/karaf/etc/org.stowage.device.x-one.cfg"), PID));
        assertEquals("org.stowage.device.x~one", ConfigKeys.configName(Map.of("service.pid",
                "org.stowage.device.x~one"), PID));
        assertEquals(PID, ConfigKeys.configName(Map.of(), PID));
    }

    @Test
    void messagesNameTheConfigurationAndTheKey() {
        assertMessage(CONFIG + ": key 'device.id' is missing", () -> ConfigKeys.deviceId(CONFIG, " "));
        assertMessage(CONFIG + ": key 'capacity' is invalid: 'lots' is not a capacity: use a whole number of "
                + "bytes, optionally with k, m, g or t (powers of 1024), e.g. 0 (no limit), 500m, 2g, 1t",
                () -> ConfigKeys.capacity(CONFIG, "capacity", "lots"));
        assertMessage(CONFIG + ": key 'part.size' is invalid: 'x' is not a size: use a whole number of bytes, "
                + "optionally with k, m, g or t (powers of 1024), e.g. 16m, 2g",
                () -> ConfigKeys.size(CONFIG, "part.size", "x"));
        assertMessage(CONFIG + ": key 'path' is 'relative/dir'; use an absolute path",
                () -> ConfigKeys.absolutePath(CONFIG, "path", "relative/dir"));
        assertMessage(CONFIG + ": key 'slots' is 0; use 1 or more",
                () -> { throw ConfigKeys.invalid(CONFIG, "slots", "is 0; use 1 or more"); });
    }

    @Test
    void returnsTheValidatedValues() {
        assertEquals("disk1", ConfigKeys.deviceId(CONFIG, " disk1 "));
        assertEquals(2L << 30, ConfigKeys.capacity(CONFIG, "capacity", "2g"));
        assertEquals(Path.of("/srv/stowage"), ConfigKeys.absolutePath(CONFIG, "path", "/srv/x/../stowage"));
        assertEquals(BusyWindows.NONE.toString(), ConfigKeys.busyWindows(CONFIG, "").toString());
    }

    private static void assertMessage(String expected, Executable check) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, check).getMessage());
    }
}
