package org.stowage.staging.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.stowage.api.device.support.ConfigKeys;

/**
 * The validated {@link StagingConfig}. Every refusal names the configuration and the key, in the form every Stowage
 * configuration uses ({@code "<pid>: key '<key>' ..."}).
 */
record StagingSettings(Path path, long minBytes, long maxBytes, Duration poll, Duration stageWait,
                       boolean enabled) {

    static final String KARAF_DATA = "${karaf.data}";
    static final String DEFAULT_PATH = KARAF_DATA + "/stowage/staging";

    /**
     * @param karafData Karaf's data directory (system property {@code karaf.data}), or null outside Karaf
     * @throws IllegalArgumentException naming {@code config} and the key
     */
    static StagingSettings validate(String config, StagingConfig values, String karafData) {
        String text = ConfigKeys.required(config, "path", values.path());
        if (text.contains(KARAF_DATA)) {
            if (karafData == null) {
                throw ConfigKeys.invalid(config, "path", "is '" + text + "' but the system property karaf.data is "
                        + "not set (not running in Karaf?); give an absolute path");
            }
            text = text.replace(KARAF_DATA, karafData);
        }
        Path path = ConfigKeys.absolutePath(config, "path", text);
        long min = ConfigKeys.size(config, "min", values.min());
        long max = ConfigKeys.size(config, "max", values.max());
        if (min <= 0) {
            throw ConfigKeys.invalid(config, "min", "is " + values.min() + "; use a size above 0, e.g. 1g");
        }
        if (max < min) {
            throw ConfigKeys.invalid(config, "max", "is " + values.max() + ", below min " + values.min()
                    + "; use max >= min");
        }
        if (values.poll_seconds() < 1) {
            throw ConfigKeys.invalid(config, "poll.seconds", "is " + values.poll_seconds() + "; use 1 or more");
        }
        if (values.stage_wait_seconds() < 1) {
            throw ConfigKeys.invalid(config, "stage.wait.seconds", "is " + values.stage_wait_seconds()
                    + "; use 1 or more");
        }
        return new StagingSettings(path, min, max, Duration.ofSeconds(values.poll_seconds()),
                Duration.ofSeconds(values.stage_wait_seconds()), values.enabled());
    }
}
