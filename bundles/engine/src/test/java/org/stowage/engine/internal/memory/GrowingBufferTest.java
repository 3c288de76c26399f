package org.stowage.engine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class GrowingBufferTest {

    @Test
    void smallBuffersArePowersOfTwoAndLargeOnesWholeMebibytes() {
        assertEquals(64 << 10, GrowingBuffer.rounded(1));
        assertEquals(128 << 10, GrowingBuffer.rounded((64 << 10) + 1));
        assertEquals(1 << 20, GrowingBuffer.rounded(1 << 20));
        assertEquals(2 << 20, GrowingBuffer.rounded((1 << 20) + 1));
        assertEquals(5 << 20, GrowingBuffer.rounded((4 << 20) + 100)); // a 4 MiB chunk's zstd bound plus flag
    }

    @Test
    void aTakenBufferHoldsTheRequestAndIsReusedForSmallerOnes() {
        GrowingBuffer growing = new GrowingBuffer();
        try {
            ByteBuffer first = growing.take((4 << 20) + 100);
            assertEquals((4 << 20) + 100, first.limit());
            assertEquals(5 << 20, first.capacity());
            ByteBuffer second = growing.take(3 << 20);
            assertSame(first, second, "the buffer is reused");
            assertEquals(3 << 20, second.limit());
        } finally {
            growing.free();
        }
    }

    @Test
    void growingFreesTheOutgrownBufferAndFreeGivesEverythingBack() {
        long before = DirectMemory.live();
        GrowingBuffer growing = new GrowingBuffer();
        growing.take(100);
        assertEquals(before + (64 << 10), DirectMemory.live());
        growing.take((2 << 20) + 1);
        assertEquals(before + (3 << 20), DirectMemory.live(), "only the grown buffer is held");
        growing.free();
        assertEquals(before, DirectMemory.live());
        growing.free(); // idempotent
        assertEquals(before, DirectMemory.live());
    }
}
