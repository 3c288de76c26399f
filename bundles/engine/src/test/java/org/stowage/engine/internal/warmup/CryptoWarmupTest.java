package org.stowage.engine.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class CryptoWarmupTest {

    @Test
    void everyPayloadRoundTripsUnderAThrowawayKey() {
        assertDoesNotThrow(() -> CryptoWarmup.run(20));
    }
}
