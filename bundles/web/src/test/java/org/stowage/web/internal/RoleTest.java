package org.stowage.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void karafsAdminGroupMapsToAdmin() {
        // the roles of _g_:admingroup in the assembly's etc/users.properties
        assertEquals(Role.ADMIN, Role.fromKarafRoles(List.of("admin", "manager", "viewer", "systembundles", "ssh")));
    }

    @Test
    void managerAndOperatorMapToOperatorAndPrefixedNamesCount() {
        assertEquals(Role.OPERATOR, Role.fromKarafRoles(List.of("viewer", "manager")));
        assertEquals(Role.OPERATOR, Role.fromKarafRoles(List.of("Stowage-Operator")));
        assertEquals(Role.VIEWER, Role.fromKarafRoles(List.of("ssh", "viewer")));
    }

    @Test
    void otherRolesOpenNothing() {
        assertNull(Role.fromKarafRoles(List.of("ssh", "systembundles")));
        assertNull(Role.fromKarafRoles(List.of()));
    }

    @Test
    void eachRoleIncludesTheLowerOnes() {
        assertTrue(Role.ADMIN.includes(Role.OPERATOR));
        assertTrue(Role.OPERATOR.includes(Role.VIEWER));
        assertFalse(Role.VIEWER.includes(Role.OPERATOR));
        assertFalse(Role.OPERATOR.includes(Role.ADMIN));
    }
}
