package org.stowage.engine.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CryptoWarmupTest {

    @Test
    void everyPayloadRoundTripsUnderAThrowawayKeySmallAndLarge() {
        assertDoesNotThrow(() -> CryptoWarmup.run(2 * CryptoWarmup.LARGE_EVERY, () -> false));
    }

    @Test
    void itStopsWhenAskedTo() {
        AtomicInteger asked = new AtomicInteger();

        assertDoesNotThrow(() -> CryptoWarmup.run(CryptoWarmup.ROUNDS, () -> asked.incrementAndGet() > 3));

        assertEquals(4, asked.get(), "three rounds ran, and the fourth question stopped it");
    }
}
