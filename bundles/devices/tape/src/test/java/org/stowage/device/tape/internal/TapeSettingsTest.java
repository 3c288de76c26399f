package org.stowage.device.tape.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Validation names the configuration and the key and says what to write. */
class TapeSettingsTest {

    private static final String PID = "org.stowage.device.tape-vault";

    /** A config with the defaults of {@link TapeDeviceConfig}, overridden by {@code values}. */
    private static TapeDeviceConfig config(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("device_id", "vault", "path", "/srv/tape"));
        all.putAll(values);
        return new TapeDeviceConfig() {
            @Override public Class<? extends Annotation> annotationType() { return TapeDeviceConfig.class; }
            @Override public String device_id() { return (String) all.get("device_id"); }
            @Override public String device_kind() { return (String) all.getOrDefault("device_kind", "TAPE"); }
            @Override public String device_access() { return (String) all.getOrDefault("device_access", "SEQUENTIAL"); }
            @Override public String backend() { return (String) all.getOrDefault("backend", "virtual"); }
            @Override public String path() { return (String) all.get("path"); }
            @Override public boolean create() { return (Boolean) all.getOrDefault("create", false); }
            @Override public int slots() { return (Integer) all.getOrDefault("slots", 8); }
            @Override public String label_prefix() { return (String) all.getOrDefault("label_prefix", "L"); }
            @Override public String cartridge_capacity() { return (String) all.getOrDefault("cartridge_capacity", "10g"); }
            @Override public String capacity() { return (String) all.getOrDefault("capacity", "0"); }
            @Override public double rate() { return (Double) all.getOrDefault("rate", 0.0); }
            @Override public long locate_time() { return (Long) all.getOrDefault("locate_time", 0L); }
            @Override public double locate_rate() { return (Double) all.getOrDefault("locate_rate", 0.0); }
            @Override public long load_time() { return (Long) all.getOrDefault("load_time", 0L); }
            @Override public long rewind_time() { return (Long) all.getOrDefault("rewind_time", 0L); }
            @Override public String read_through() { return (String) all.getOrDefault("read_through", "4m"); }
            @Override public int catalog_every() { return (Integer) all.getOrDefault("catalog_every", 64); }
            @Override public String busy_windows() { return (String) all.getOrDefault("busy_windows", ""); }
        };
    }

    private static void assertRejected(String key, Map<String, Object> values, String hint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TapeSettings.validate(PID, config(values)));
        assertTrue(e.getMessage().startsWith(PID + ": key '" + key + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(hint), e.getMessage());
    }

    @Test
    void validConfigurationGivesTimingInBytesAndNanos() {
        TapeSettings settings = TapeSettings.validate(PID, config(Map.of("rate", 200.0, "locate_time", 1500L,
                "locate_rate", 1000.0, "load_time", 20000L, "rewind_time", 30000L, "cartridge_capacity", "1g",
                "slots", 4)));
        assertEquals(new TapeTiming(200L << 20, 1_500_000_000L, 1000L << 20, 20_000_000_000L, 30_000_000_000L,
                4L << 20), settings.timing());
        assertEquals(Path.of("/srv/tape"), settings.path());
        assertEquals(1L << 30, settings.cartridgeCapacity());
        assertEquals("tape", settings.descriptor().family());
        assertTrue(settings.medium() instanceof VirtualLibrary);
        assertTrue(TapeSettings.validate(PID, config(Map.of("backend", "ltfs"))).medium() instanceof LtfsVolume);
    }

    @Test
    void everyBadKeyIsNamed() {
        assertRejected("device.id", Map.of("device_id", "Vault!"), "is invalid");
        assertRejected("device.kind", Map.of("device_kind", "DISK"), "TAPE");
        assertRejected("device.access", Map.of("device_access", "RANDOM"), "SEQUENTIAL");
        assertRejected("backend", Map.of("backend", "lto"), "virtual or ltfs");
        assertRejected("path", Map.of("path", "relative/dir"), "absolute");
        assertRejected("slots", Map.of("slots", 0), "1 to 9999");
        assertRejected("label.prefix", Map.of("label_prefix", "l1"), "A-Z");
        assertRejected("cartridge.capacity", Map.of("cartridge_capacity", "12 TB"), "k, m, g or t");
        assertRejected("cartridge.capacity", Map.of("cartridge_capacity", "1k"), "at least 64k");
        assertRejected("capacity", Map.of("capacity", "-1"), "capacity");
        assertRejected("rate", Map.of("rate", -5.0), "MiB/s");
        assertRejected("locate.time", Map.of("locate_time", -1L), "milliseconds");
        assertRejected("read.through", Map.of("read_through", "lots"), "capacity");
        assertRejected("catalog.every", Map.of("catalog_every", 0), "1 or more");
        assertRejected("busy.windows", Map.of("busy_windows", "1am-3am"), "HH:mm");
    }

    @Test
    void missingPathIsNamed() {
        Map<String, Object> values = new HashMap<>();
        values.put("path", null);
        assertRejected("path", values, "missing");
    }
}
