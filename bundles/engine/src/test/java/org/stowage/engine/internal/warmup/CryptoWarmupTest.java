package org.stowage.engine.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.stowage.engine.internal.memory.DirectMemory;
import org.stowage.engine.internal.memory.ThreadResources;

class CryptoWarmupTest {

    @Test
    void everyPayloadRoundTripsUnderAThrowawayKeySmallAndLargeAndItsBuffersAreFreedAtTheEnd() {
        ThreadResources.releaseCurrentThread();
        long liveBefore = DirectMemory.live();

        assertDoesNotThrow(() -> CryptoWarmup.run(2 * CryptoWarmup.LARGE_EVERY, () -> false));
        ThreadResources.releaseCurrentThread(); // as the warm-up's thread does when it ends (Warmup.startOnce)

        assertEquals(liveBefore, DirectMemory.live(), "direct bytes the warm-up did not give back");
    }

    @Test
    void itStopsWhenAskedTo() {
        AtomicInteger asked = new AtomicInteger();

        assertDoesNotThrow(() -> CryptoWarmup.run(CryptoWarmup.ROUNDS, () -> asked.incrementAndGet() > 3));

        assertEquals(4, asked.get(), "three rounds ran, and the fourth question stopped it");
    }
}
