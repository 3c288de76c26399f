package org.stowage.api.device;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a device is, as configured by the operator: identity, driver family, kind and access type.
 *
 * @param id            unique device id: lower-case letters, digits, '-' and '_', 1 to 64 characters
 * @param family        the driver family that serves it (e.g. {@code disk})
 * @param kind          the kind of medium
 * @param access        how the medium is written
 * @param capacityBytes the configured capacity limit in bytes, or 0 for "the medium's own size"
 */
public record DeviceDescriptor(String id, String family, DeviceKind kind, AccessType access, long capacityBytes) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public DeviceDescriptor {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(access, "access");
        checkId(id);
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("capacity of device '" + id + "' is negative: " + capacityBytes);
        }
    }

    /**
     * Checks a device id and explains what is wrong with it.
     *
     * @throws IllegalArgumentException naming the id and the rule it breaks
     */
    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("device id '" + id + "' is not valid: use 1-64 characters of "
                    + "a-z, 0-9, '-' and '_', starting with a letter or digit");
        }
        return id;
    }
}
