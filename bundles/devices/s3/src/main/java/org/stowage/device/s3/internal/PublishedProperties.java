package org.stowage.device.s3.internal;

import java.util.Hashtable;
import java.util.Map;
import java.util.Set;

/**
 * The service properties of an S3 device: its component properties (configuration included, as DS would publish
 * them, so that {@code device.id} and any operator-defined key can be used in target filters) without the secret
 * key and without private properties (keys starting with '.', which DS never publishes either).
 *
 * <p>Why the component does not let DS register its services: DS publishes every configuration property whose key
 * does not start with '.', so {@code secret.key} would be readable by every bundle, {@code service:list} and the
 * OSGi JMX MBeans. Stateless and thread-safe.
 */
final class PublishedProperties {

    /** Keys whose values are secret; each is a {@code PASSWORD} attribute of {@link S3DeviceConfig}. */
    static final Set<String> SECRET_KEYS = Set.of(SecretKeys.KEY);

    private PublishedProperties() {
    }

    static Hashtable<String, Object> of(Map<String, Object> componentProperties) {
        Hashtable<String, Object> published = new Hashtable<>();
        componentProperties.forEach((key, value) -> {
            if (!key.startsWith(".") && !SECRET_KEYS.contains(key)) {
                published.put(key, value);
            }
        });
        return published;
    }
}
