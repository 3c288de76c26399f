package org.stowage.web.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.stowage.api.repository.RetentionPolicy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Jobs as ConfigAdmin factory configurations of {@value #FACTORY_PID}, the same ones etc/org.stowage.job-NAME.cfg
 * holds (Karaf writes an edited configuration back to its file). The routing bundle validates and schedules them; this
 * class checks what a person can get wrong in a form before saving, and names the key. Thread-safe (ConfigAdmin is).
 */
final class JobConfigs {

    static final String FACTORY_PID = "org.stowage.job";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CRON = Pattern.compile("\\S+(\\s+\\S+){5,6}");
    /** The keys of the routing bundle's JobConfig, and whether each is a true/false value. */
    private static final Map<String, Boolean> KEYS = keys();

    private final ConfigurationAdmin configAdmin;

    JobConfigs(ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    private static Map<String, Boolean> keys() {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        for (String key : List.of("paths", "schedule", "tags", "retention", "devices", "selector", "copies",
                "copy.to", "exclude", "iexclude", "exclude.file", "exclude.if.present", "exclude.larger.than",
                "files.from")) {
            keys.put(key, false);
        }
        for (String key : List.of("prune", "enabled", "copy.move", "exclude.caches", "one.file.system")) {
            keys.put(key, true);
        }
        return Collections.unmodifiableMap(keys);
    }

    /** Each job's configuration by job name (the properties an operator set; no secrets are kept in jobs). */
    Map<String, Map<String, Object>> all() throws IOException {
        Map<String, Map<String, Object>> jobs = new TreeMap<>();
        for (Configuration config : list()) {
            Dictionary<String, Object> props = config.getProperties();
            if (props != null && props.get("name") != null) {
                jobs.put(String.valueOf(props.get("name")), visible(props));
            }
        }
        return jobs;
    }

    Optional<Map<String, Object>> get(String name) throws IOException {
        return find(name).map(c -> visible(c.getProperties()));
    }

    /**
     * Creates or replaces job {@code name} with the fields of {@code body}; true if it was created.
     *
     * @throws ApiException 400 naming the field that is wrong and what to write
     */
    boolean save(String name, JsonNode body) throws IOException {
        checkName(name);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("name", name);
        body.fieldNames().forEachRemaining(key -> {
            if (!key.equals("name") && !KEYS.containsKey(key)) {
                throw ApiException.badRequest("Job field '" + key + "' is not known; the fields are " + KEYS.keySet());
            }
        });
        for (Map.Entry<String, Boolean> key : KEYS.entrySet()) {
            JsonNode value = body.get(key.getKey());
            if (value == null || value.isNull()) {
                continue;
            }
            if (key.getValue()) {
                if (!value.isBoolean()) {
                    throw ApiException.badRequest("Job field '" + key.getKey() + "' must be true or false");
                }
                props.put(key.getKey(), value.booleanValue());
            } else {
                props.put(key.getKey(), String.join(", ", Call.list(body, key.getKey())));
            }
        }
        check(props);
        Optional<Configuration> existing = find(name);
        Configuration config = existing.isPresent() ? existing.get()
                : configAdmin.getFactoryConfiguration(FACTORY_PID, name, "?");
        config.update(props);
        return existing.isEmpty();
    }

    boolean delete(String name) throws IOException {
        Optional<Configuration> config = find(name);
        if (config.isPresent()) {
            config.get().delete();
        }
        return config.isPresent();
    }

    private static void check(Dictionary<String, Object> props) {
        String schedule = (String) props.get("schedule");
        if (schedule == null || !CRON.matcher(schedule.trim()).matches()) {
            throw ApiException.badRequest("Job field 'schedule' must be a Quartz cron expression of 6 or 7 fields "
                    + "(seconds minutes hours day-of-month month day-of-week [year]), e.g. \"0 0 2 * * ?\"");
        }
        String paths = (String) props.get("paths");
        if ((paths == null || paths.isBlank()) && props.get("files.from") == null) {
            throw ApiException.badRequest("Job field 'paths' is missing: list the absolute paths to back up, e.g. "
                    + "[\"/srv/data\"]");
        }
        for (String path : paths == null ? new String[0] : paths.split(",")) {
            if (!path.isBlank() && !Path.of(path.trim()).isAbsolute()) {
                throw ApiException.badRequest("Job path '" + path.trim() + "' is not absolute");
            }
        }
        Object retention = props.get("retention");
        if (retention != null && !String.valueOf(retention).isBlank()) {
            try {
                RetentionPolicy.parse(String.valueOf(retention));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Job field 'retention': " + e.getMessage());
            }
        }
        Object copies = props.get("copies");
        if (copies != null && !String.valueOf(copies).isBlank() && !String.valueOf(copies).matches("\\d{1,2}")) {
            throw ApiException.badRequest("Job field 'copies' must be a whole number (0 for the repository's)");
        }
    }

    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.badRequest("Job name '" + name + "' is not valid: use 1-64 letters, digits, '-' "
                    + "and '_'");
        }
    }

    private Optional<Configuration> find(String name) throws IOException {
        return list().stream().filter(c -> c.getProperties() != null
                && name.equals(String.valueOf(c.getProperties().get("name")))).findFirst();
    }

    private List<Configuration> list() throws IOException {
        try {
            Configuration[] configs = configAdmin.listConfigurations("(service.factoryPid=" + FACTORY_PID + ")");
            return configs == null ? List.of() : List.of(configs);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the filter of job configurations is invalid", e);
        }
    }

    /** The operator's keys, without ConfigAdmin's and FileInstall's bookkeeping. */
    private static Map<String, Object> visible(Dictionary<String, Object> props) {
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> shown = new HashSet<>(KEYS.keySet());
        shown.add("name");
        for (String key : Collections.list(props.keys())) {
            if (shown.contains(key)) {
                values.put(key, props.get(key));
            }
        }
        return values;
    }
}
