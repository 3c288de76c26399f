package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void formatsEachScale() {
        assertEquals("350ms", Durations.format(Duration.ofMillis(350)));
        assertEquals("4.2s", Durations.format(Duration.ofMillis(4_200)));
        assertEquals("3m 05s", Durations.format(Duration.ofSeconds(185)));
        assertEquals("2h 03m 05s", Durations.format(Duration.ofSeconds(2 * 3600 + 185)));
        assertEquals("1d 02h 03m", Durations.format(Duration.ofMinutes(24 * 60 + 123)));
    }

    @Test
    void nullAndNegativeAreHarmless() {
        assertEquals("", Durations.format(null));
        assertEquals("0ms", Durations.format(Duration.ofSeconds(-3)));
    }
}
