package org.stowage.engine.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class JitWarmupTest {

    @Test
    void everyPayloadRoundTripsUnderAThrowawayKey() {
        assertDoesNotThrow(() -> JitWarmup.run(20));
    }
}
