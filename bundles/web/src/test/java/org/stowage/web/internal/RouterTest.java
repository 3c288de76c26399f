package org.stowage.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router router = new Router()
            .add("GET", "/snapshots/{id}", Role.VIEWER, c -> "one")
            .add("GET", "/snapshots/{id}/tree", Role.VIEWER, c -> "tree")
            .add("POST", "/snapshots/{id}/restore", Role.OPERATOR, c -> "restore");

    @Test
    void matchesTemplatesAndExtractsParameters() {
        Router.Match match = router.match("GET", "/snapshots/ab12/tree");
        assertEquals("/snapshots/{id}/tree", match.route().template());
        assertEquals(Map.of("id", "ab12"), match.params());
    }

    @Test
    void aWrongMethodIs405NamingTheAllowedOnesAndAnUnknownPath404() {
        ApiException wrongMethod = assertThrows(ApiException.class, () -> router.match("GET",
                "/snapshots/ab12/restore"));
        assertEquals(405, wrongMethod.status());
        assertTrue(wrongMethod.getMessage().contains("use POST"), wrongMethod.getMessage());
        assertEquals(404, assertThrows(ApiException.class, () -> router.match("GET", "/nothing")).status());
        assertEquals(404, assertThrows(ApiException.class, () -> router.match("GET", "/snapshots/a/b/tree"))
                .status());
    }
}
