package org.stowage.engine.internal.warmup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.stowage.engine.internal.memory.DirectMemory;
import org.stowage.engine.internal.memory.ThreadResources;

class CryptoWarmupTest {

    @Test
    void everyPayloadRoundTripsUnderAThrowawayKeySmallAndLargeAndItsBuffersAreFreedAtTheEnd() {
        ThreadResources.releaseCurrentThread();
        long liveBefore = DirectMemory.live();

        int rounds = assertDoesNotThrow(() -> CryptoWarmup.run(2 * CryptoWarmup.LARGE_EVERY,
                2 * CryptoWarmup.LARGE_EVERY, () -> false));
        assertEquals(2 * CryptoWarmup.LARGE_EVERY, rounds);
        ThreadResources.releaseCurrentThread(); // as the warm-up's thread does when it ends (Warmup.startOnce)

        assertEquals(liveBefore, DirectMemory.live(), "direct bytes the warm-up did not give back");
    }

    @Test
    void itStopsWhenAskedTo() {
        AtomicInteger asked = new AtomicInteger();

        int rounds = assertDoesNotThrow(() -> CryptoWarmup.run(CryptoWarmup.ROUNDS, CryptoWarmup.MAX_ROUNDS,
                () -> asked.incrementAndGet() > 3));

        assertEquals(3, rounds);
        assertEquals(4, asked.get(), "three rounds ran, and the fourth question stopped it");
    }

    @Test
    void afterItsMinimumItGoesOnUntilALargeRoundIsFastAndNoFurtherThanItsMaximum() {
        int min = 2 * CryptoWarmup.LARGE_EVERY;
        int max = 40 * CryptoWarmup.LARGE_EVERY;

        int rounds = assertDoesNotThrow(() -> CryptoWarmup.run(min, max, () -> false));

        assertTrue(rounds >= min && rounds < max, rounds + " rounds: on this x86-64 JVM C2 compiles the GCM's GHASH "
                + "intrinsic well within " + max + " rounds, after which a large round is fast");
        assertEquals(0, rounds % CryptoWarmup.LARGE_EVERY, "it stops right after a large round: " + rounds);
    }
}
