package org.stowage.engine.internal.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.junit.jupiter.api.Test;

class NativeHeapTest {

    /** glibc's chunk header: the size word before a block, whose bit 1 says the chunk has a mapping of its own. */
    private static final long IS_MMAPPED = 2;

    @Test
    void aBlockOfHalfAMebibyteIsMappedOnItsOwnEvenAfterALargerOneWasFreed() {
        assertTrue(NativeHeap.mapLargeBlocks(), "glibc took the fixed threshold");
        assertTrue(NativeHeap.mapLargeBlocks(), "and says so again");
        // Left to itself, glibc would now raise its threshold to 8 MiB and carve the next block from an arena.
        Native.free(Native.malloc(8 << 20));
        long block = Native.malloc(512 << 10);
        try {
            assertEquals(IS_MMAPPED, new Pointer(block).getLong(-8) & IS_MMAPPED, "the block is a mapping of its own");
        } finally {
            Native.free(block);
        }
    }
}
