package org.stowage.engine.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScratchTest {

    @Test
    void smallBuffersArePowersOfTwoAndLargeOnesWholeMebibytes() {
        assertEquals(64 << 10, Scratch.rounded(1));
        assertEquals(128 << 10, Scratch.rounded((64 << 10) + 1));
        assertEquals(1 << 20, Scratch.rounded(1 << 20));
        assertEquals(2 << 20, Scratch.rounded((1 << 20) + 1));
        assertEquals(5 << 20, Scratch.rounded((4 << 20) + 100)); // a 4 MiB chunk's zstd bound plus flag
    }

    @Test
    void aTakenBufferHoldsTheRequestAndIsReusedForSmallerOnes() {
        Scratch scratch = new Scratch();
        var first = scratch.take(Scratch.Slot.WORK, (4 << 20) + 100);
        assertEquals((4 << 20) + 100, first.limit());
        assertEquals(5 << 20, first.capacity());
        var second = scratch.take(Scratch.Slot.WORK, 3 << 20);
        assertTrue(first == second, "the slot's buffer is reused");
        assertEquals(3 << 20, second.limit());
    }
}
