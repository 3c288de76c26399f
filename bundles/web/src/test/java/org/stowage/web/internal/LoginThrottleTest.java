package org.stowage.web.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-12-06T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void fiveFailuresInAMinuteLockTheNameUntilTheOldestLeavesTheWindow() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.check("Anna");
            throttle.failed("anna");
            now = now.plusSeconds(1);
        }
        ApiException refused = assertThrows(ApiException.class, () -> throttle.check("anna"));
        assertEquals(429, refused.status());
        assertTrue(refused.getMessage().contains("try again in 55 s"), refused.getMessage());
        assertDoesNotThrow(() -> throttle.check("viktor"), "other names are not affected");
        now = now.plusSeconds(55);
        assertDoesNotThrow(() -> throttle.check("anna"));
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("anna");
        }
        throttle.succeeded("anna");
        throttle.failed("anna");
        assertDoesNotThrow(() -> throttle.check("anna"));
    }
}
