package org.stowage.web.internal;

import java.util.Collection;
import java.util.Locale;

/**
 * What a console user may do. Each role includes the ones below it: a viewer sees, an operator also runs backups,
 * checks and restores and marks devices busy, an admin also changes jobs and applies retention.
 *
 * <p>Mapped from the Karaf roles of the JAAS realm {@code karaf} (etc/users.properties), so that the shell's users log
 * in with the same names and passwords: {@code admin} → ADMIN; {@code operator} or {@code manager} → OPERATOR;
 * {@code viewer} → VIEWER. A {@code stowage-} prefix is accepted too ({@code stowage-operator}) for installations that
 * want Stowage roles apart from Karaf's. The highest one wins; a user with none of them is refused (403).
 */
enum Role {
    VIEWER, OPERATOR, ADMIN;

    boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    /** The highest role that {@code karafRoles} grant, or null for none. */
    static Role fromKarafRoles(Collection<String> karafRoles) {
        Role best = null;
        for (String name : karafRoles) {
            Role role = fromKarafRole(name);
            if (role != null && (best == null || role.includes(best))) {
                best = role;
            }
        }
        return best;
    }

    private static Role fromKarafRole(String name) {
        String role = name.toLowerCase(Locale.ROOT);
        if (role.startsWith("stowage-")) {
            role = role.substring("stowage-".length());
        }
        return switch (role) {
            case "admin" -> ADMIN;
            case "operator", "manager" -> OPERATOR;
            case "viewer" -> VIEWER;
            default -> null;
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
