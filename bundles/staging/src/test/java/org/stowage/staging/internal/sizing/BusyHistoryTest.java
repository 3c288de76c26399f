package org.stowage.staging.internal.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BusyHistoryTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aDeviceNeverBusyHasNoExpectation() {
        BusyHistory history = new BusyHistory(4);
        history.onState(false, at(0));
        assertTrue(history.expectedBusy(at(10)).isEmpty());
    }

    @Test
    void theLongestRecentIntervalIsExpectedAndOldOnesAreForgotten() {
        BusyHistory history = new BusyHistory(2);
        history.onState(true, at(0));
        history.onState(false, at(600)); // 10 min, forgotten after two more
        history.onState(true, at(1000));
        history.onState(true, at(1010)); // repeated report: still the same interval
        history.onState(false, at(1120)); // 2 min
        assertEquals(Optional.of(Duration.ofMinutes(10)), history.expectedBusy(at(2000)));
        history.onState(true, at(2000));
        history.onState(false, at(2060)); // 1 min
        assertEquals(Optional.of(Duration.ofMinutes(2)), history.expectedBusy(at(3000)));
        assertEquals(2, history.learntIntervals());
    }

    @Test
    void aBusySpellLongerThanAnyBeforeCountsWhileItLasts() {
        BusyHistory history = new BusyHistory(4);
        history.onState(true, at(0));
        history.onState(false, at(60));
        history.onState(true, at(100));
        assertEquals(Optional.of(Duration.ofMinutes(5)), history.expectedBusy(at(400)));
    }
}
