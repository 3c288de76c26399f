package org.stowage.api.device.support;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

import org.stowage.api.device.DeviceDescriptor;

/**
 * Validation of a driver's factory configuration, key by key, with the messages operators read when a device does
 * not come up. Every message has the form {@code "<config>: key '<key>' <what is wrong and what to write>"}, e.g.
 * {@code org.stowage.device.disk-local: key 'capacity' is invalid: '2 TB' is not a capacity: ...}, where
 * {@code <config>} is {@link #configName(Map, String)}. Each check returns the validated value or throws that
 * {@link IllegalArgumentException}. Stateless and thread-safe.
 */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    /**
     * How operators know a configuration: the {@code .cfg} file's base name when it came from {@code etc/} (e.g.
     * {@code org.stowage.device.disk-local}), else its {@code service.pid}, else {@code factoryPid}.
     *
     * @param properties the component's configuration properties, as DS passes them to {@code @Activate}
     */
    public static String configName(Map<String, Object> properties, String factoryPid) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String name = Path.of(file.toString().replaceFirst("^file:", "")).getFileName().toString();
            return name.endsWith(".cfg") ? name.substring(0, name.length() - 4) : name;
        }
        Object pid = properties.get("service.pid");
        return pid != null ? pid.toString() : factoryPid;
    }

    /** {@code "<config>: key '<key>' <problem>"}, for the checks a family makes itself. */
    public static IllegalArgumentException invalid(String config, String key, String problem) {
        return new IllegalArgumentException(config + ": key '" + key + "' " + problem);
    }

    /** The trimmed value; "is missing" when it is null or blank. */
    public static String required(String config, String key, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(config, key, "is missing");
        }
        return value.trim();
    }

    /** Key {@code device.id}: required and valid for {@link DeviceDescriptor#checkId(String)}. */
    public static String deviceId(String config, String value) {
        String id = required(config, "device.id", value);
        try {
            DeviceDescriptor.checkId(id);
        } catch (IllegalArgumentException e) {
            throw invalid(config, "device.id", "is invalid: " + e.getMessage());
        }
        return id;
    }

    /** A byte limit such as {@code 500m} or {@code 0} (none): {@link ByteSizes#parseCapacity(String)}. */
    public static long capacity(String config, String key, String value) {
        try {
            return ByteSizes.parseCapacity(value);
        } catch (IllegalArgumentException e) {
            throw invalid(config, key, "is invalid: " + e.getMessage());
        }
    }

    /** A size such as {@code 16m}: {@link ByteSizes#parse(String)}. */
    public static long size(String config, String key, String value) {
        try {
            return ByteSizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(config, key, "is invalid: " + e.getMessage());
        }
    }

    /** Key {@code busy.windows}, in the local time zone: {@link BusyWindows#parse(String, ZoneId)}. */
    public static BusyWindows busyWindows(String config, String value) {
        try {
            return BusyWindows.parse(value, ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw invalid(config, "busy.windows", "is invalid: " + e.getMessage());
        }
    }

    /** A required absolute path, normalized; a relative or malformed one is refused. */
    public static Path absolutePath(String config, String key, String value) {
        String text = required(config, key, value);
        try {
            Path path = Path.of(text);
            if (!path.isAbsolute()) {
                throw invalid(config, key, "is '" + text + "'; use an absolute path");
            }
            return path.normalize();
        } catch (InvalidPathException e) {
            throw invalid(config, key, "is not a valid path: " + e.getMessage());
        }
    }
}
