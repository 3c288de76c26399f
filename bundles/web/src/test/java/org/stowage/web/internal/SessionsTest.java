package org.stowage.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SessionsTest {

    /** A clock the test moves. */
    private static final class Manual extends Clock {
        Instant now = Instant.parse("2026-12-06T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aSessionLivesWhileUsedAndEndsAfterTheIdleTime() {
        Manual clock = new Manual();
        Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
        Sessions.Session session = sessions.create(new User("anna", Role.OPERATOR));
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertEquals("anna", sessions.find(session.id).orElseThrow().user.name());
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(sessions.find(session.id).isPresent(), "each request moves the idle limit");
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertTrue(sessions.isLive(session.id));
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertTrue(!sessions.isLive(session.id), "asking whether it is live does not keep it alive");
        assertTrue(sessions.find(session.id).isEmpty());
    }

    @Test
    void idsAndTokensAreRandomAndApartAndLogoutEndsTheSession() {
        Sessions sessions = new Sessions(Duration.ofMinutes(30), Clock.systemUTC());
        Sessions.Session a = sessions.create(new User("a", Role.VIEWER));
        Sessions.Session b = sessions.create(new User("b", Role.VIEWER));
        assertNotEquals(a.id, b.id);
        assertNotEquals(a.id, a.csrfToken);
        assertEquals(43, a.id.length(), "256 bits in base64url");
        sessions.remove(a.id);
        assertTrue(sessions.find(a.id).isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        assertTrue(sessions.find(b.id).isPresent());
    }
}
