package org.stowage.device.disk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.device.AccessType;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.DeviceState;
import org.stowage.api.device.support.ConfigKeys;

class DiskSettingsTest {

    private static final String PID = "org.stowage.device.disk-local";

    @Test
    void validConfigurationWithDefaults() {
        DiskSettings settings = DiskSettings.validate(PID, new Config());
        assertEquals("local", settings.descriptor().id());
        assertEquals("disk", settings.descriptor().family());
        assertEquals(DeviceKind.DISK, settings.descriptor().kind());
        assertEquals(AccessType.RANDOM, settings.descriptor().access());
        assertEquals(0, settings.descriptor().capacityBytes());
        assertEquals(Path.of("/srv/backup"), settings.root());
        assertEquals(2, settings.maxInFlight());
        assertFalse(settings.createRoot(), "a missing root is not created unless asked");
        assertTrue(settings.busyWindows().isEmpty(), "no busy windows unless configured");
    }

    @Test
    void busyWindowsAreParsedInTheLocalZone() {
        Config config = new Config();
        config.busyWindows = "01:00-03:00, 22:30-23:00";
        assertEquals("[01:00-03:00, 22:30-23:00]", DiskSettings.validate(PID, config).busyWindows().toString());
    }

    @Test
    void createMakesAMissingRootAndTheDeviceComesUpIdle(@TempDir Path dir) {
        Config config = new Config();
        config.path = dir.resolve("data/stowage/devices/local").toString();
        config.create = true;
        DiskDeviceComponent component = new DiskDeviceComponent(config, Map.of());
        assertTrue(Files.isDirectory(Path.of(config.path)));
        assertEquals(DeviceState.IDLE, component.status().state());

        config.path = dir.resolve("elsewhere").toString();
        config.create = false;
        DiskDeviceComponent missing = new DiskDeviceComponent(config, Map.of());
        assertEquals(DeviceState.OFFLINE, missing.status().state());
        assertFalse(Files.exists(Path.of(config.path)), "never created without 'create'");
    }

    @Test
    void flashDefaultsToMoreInFlightAndExplicitValuesWin() {
        Config flash = new Config();
        flash.kind = "FLASH";
        flash.capacity = "2g";
        assertEquals(8, DiskSettings.validate(PID, flash).maxInFlight());
        assertEquals(2L << 30, DiskSettings.validate(PID, flash).descriptor().capacityBytes());
        flash.maxInFlight = 3;
        assertEquals(3, DiskSettings.validate(PID, flash).maxInFlight());
    }

    @Test
    void diskAndFlashProfilesDifferAndExplicitValuesWin() {
        Config disk = new Config();
        assertEquals(new DiskProfile(256L << 20, 1), DiskSettings.validate(PID, disk).profile());
        Config flash = new Config();
        flash.kind = "FLASH";
        assertEquals(new DiskProfile(64L << 20, 4), DiskSettings.validate(PID, flash).profile());
        flash.stagingSize = "1g";
        flash.selectorWeight = 2;
        assertEquals(new DiskProfile(1L << 30, 2), DiskSettings.validate(PID, flash).profile());
        disk.stagingSize = " 512k ";
        assertEquals(512L << 10, DiskSettings.validate(PID, disk).profile().stagingBytes());
    }

    @Test
    void theProfileIsPublishedAsTypedServicePropertiesAndShownInDetail() {
        DiskProfile flash = DiskProfile.of(DeviceKind.FLASH, 0, 0);
        assertEquals(Map.of("device.staging.size", 64L << 20, "device.selector.weight", 4),
                flash.serviceProperties());
        java.util.Hashtable<String, Object> component = new java.util.Hashtable<>(Map.of("device.id", "f",
                ".secret", "x", "device.kind", "FLASH"));
        assertEquals(Map.of("device.id", "f", "device.kind", "FLASH", "device.staging.size", 64L << 20,
                "device.selector.weight", 4), ProfileProperties.merge(component, flash.serviceProperties()));
        assertEquals(List.of(List.of("max.in.flight", "8"), List.of("staging.size", "64 MiB (67108864 bytes)"),
                List.of("selector.weight", "4")), flash.section(8).rows());
    }

    @Test
    void messagesNameThePidAndTheKey() {
        assertMessage(c -> c.path = null, PID + ": key 'path' is missing");
        assertMessage(c -> c.path = " ", PID + ": key 'path' is missing");
        assertMessage(c -> c.path = "relative/dir", PID + ": key 'path' is 'relative/dir'; use an absolute path");
        assertMessage(c -> c.id = null, PID + ": key 'device.id' is missing");
        assertMessage(c -> c.id = "Local!", PID + ": key 'device.id' is invalid: device id 'Local!' is not valid: "
                + "use 1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit");
        assertMessage(c -> c.kind = "flash", PID + ": key 'device.kind' is 'flash'; use DISK or FLASH");
        assertMessage(c -> c.kind = "TAPE", PID + ": key 'device.kind' is 'TAPE'; use DISK or FLASH");
        assertMessage(c -> c.access = "SEQUENTIAL",
                PID + ": key 'device.access' is 'SEQUENTIAL', but the disk family only supports RANDOM");
        assertMessage(c -> c.maxInFlight = -1,
                PID + ": key 'max.in.flight' is -1; use 1 or more, or 0 for the kind's default");
        assertMessage(c -> c.capacity = "2 TB", PID + ": key 'capacity' is invalid: '2 TB' is not a capacity: use a "
                + "whole number of bytes, optionally with k, m, g or t (powers of 1024), e.g. 0 (no limit), 500m, 2g, 1t");
        assertMessage(c -> c.busyWindows = "1am-3am", PID + ": key 'busy.windows' is invalid: busy window '1am-3am' "
                + "is not valid: write HH:mm-HH:mm, several separated by commas, e.g. 01:00-03:00,22:30-23:00");
        assertMessage(c -> c.stagingSize = "lots", PID + ": key 'staging.size' is invalid: 'lots' is not a capacity: "
                + "use a whole number of bytes, optionally with k, m, g or t (powers of 1024), e.g. 0 (no limit), 500m, "
                + "2g, 1t");
        assertMessage(c -> c.stagingSize = "0", PID + ": key 'staging.size' is 0; use a size such as 64m, or leave "
                + "it empty for the kind's default");
        assertMessage(c -> c.selectorWeight = -2,
                PID + ": key 'selector.weight' is -2; use 1 or more, or 0 for the kind's default");
    }

    @Test
    void configNameComesFromTheCfgFileOrThePid() {
        assertEquals(PID, ConfigKeys.configName(Map.of("felix.fileinstall.filename",
                "file:/opt/stowage/etc/org.stowage.device.disk-local.cfg", "service.pid", "x"), DiskDeviceComponent.PID));
        assertEquals("org.stowage.device.disk~local", ConfigKeys.configName(Map.of("service.pid",
                "org.stowage.device.disk~local"), DiskDeviceComponent.PID));
        assertEquals("org.stowage.device.disk", ConfigKeys.configName(Map.of(), DiskDeviceComponent.PID));
    }

    private static void assertMessage(java.util.function.Consumer<Config> change, String message) {
        Config config = new Config();
        change.accept(config);
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> DiskSettings.validate(PID, config)).getMessage());
    }

    /** What DS hands the component for a configuration; starts valid. */
    private static final class Config implements DiskDeviceConfig {
        String id = "local";
        String kind = "DISK";
        String access = "RANDOM";
        String path = "/srv/backup";
        String capacity = "0";
        int maxInFlight;
        boolean create;
        String busyWindows = "";
        String stagingSize = "";
        int selectorWeight;

        @Override public String device_id() { return id; }
        @Override public String device_kind() { return kind; }
        @Override public String device_access() { return access; }
        @Override public String path() { return path; }
        @Override public String capacity() { return capacity; }
        @Override public int max_in_flight() { return maxInFlight; }
        @Override public boolean create() { return create; }
        @Override public String busy_windows() { return busyWindows; }
        @Override public String staging_size() { return stagingSize; }
        @Override public int selector_weight() { return selectorWeight; }
        @Override public Class<? extends Annotation> annotationType() { return DiskDeviceConfig.class; }
    }
}
