package org.stowage.api.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void etaFollowsTheAverageRate() {
        Progress p = new Progress("backup", 10, 40, 100, 400, Duration.ofSeconds(10), "/a");
        assertEquals(10.0, p.bytesPerSecond(), 1e-9);
        assertEquals(Duration.ofSeconds(30), p.eta().orElseThrow());
    }

    @Test
    void noEtaWhileTheTotalIsUnknown() {
        assertTrue(new Progress("backup", 1, -1, 100, -1, Duration.ofSeconds(1), null).eta().isEmpty());
    }
}
