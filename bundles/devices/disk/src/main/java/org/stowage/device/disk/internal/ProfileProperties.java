package org.stowage.device.disk.internal;

import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;

import org.apache.felix.scr.component.ExtComponentContext;
import org.osgi.service.component.ComponentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a {@link DiskProfile} as service properties. Its defaults depend on {@code device.kind}, which static
 * component properties cannot express, so the component adds them to its registration once it knows its kind.
 * Standard DS has no call for that; Felix SCR (Karaf's) has {@link ExtComponentContext#setServiceProperties},
 * which replaces the registration's properties: they are the component's public properties plus the profile.
 */
final class ProfileProperties {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileProperties.class);

    private ProfileProperties() {
    }

    /** Adds the profile to the component's service registration; logs (does not fail) on another DS runtime. */
    static void publish(ComponentContext context, DiskProfile profile, String deviceId) {
        if (!(context instanceof ExtComponentContext extended)) {
            LOG.warn("Disk device '{}': the DS runtime ({}) cannot add service properties, so device.staging.size "
                    + "and device.selector.weight are not published", deviceId,
                    context == null ? "none" : context.getClass().getName());
            return;
        }
        extended.setServiceProperties(merge(context.getProperties(), profile.serviceProperties()));
    }

    /** The public component properties (no keys starting with '.') plus {@code extra}. */
    static Hashtable<String, Object> merge(java.util.Dictionary<String, Object> component, Map<String, Object> extra) {
        Hashtable<String, Object> merged = new Hashtable<>();
        for (Enumeration<String> keys = component.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!key.startsWith(".")) {
                merged.put(key, component.get(key));
            }
        }
        merged.putAll(extra);
        return merged;
    }
}
