package org.stowage.engine.internal.restorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which ranges of a blob a sparse restore writes: whole zero blocks, aligned on file offsets, are left out. */
class ZeroBlocksTest {

    private static final int B = ZeroBlocks.BLOCK;

    @Test
    void dataRunsAreMergedAndZeroBlocksLeftOut() throws Exception {
        ByteBuffer blob = ByteBuffer.allocateDirect(4 * B);
        blob.put(10, (byte) 1).put(B + 5, (byte) 2).put(3 * B + B - 1, (byte) 3);
        List<long[]> runs = new ArrayList<>();
        assertTrue(ZeroBlocks.forEachDataRun(blob, 0, (run, at) -> runs.add(new long[]{at, run.remaining()})));
        assertEquals(2, runs.size());
        assertEquals(List.of(0L, (long) 2 * B), List.of(runs.get(0)[0], runs.get(0)[1]));
        assertEquals(List.of((long) 3 * B, (long) B), List.of(runs.get(1)[0], runs.get(1)[1]));
        assertEquals(0, blob.position(), "the blob's position is not changed");
    }

    @Test
    void blocksAlignOnTheFileNotOnTheBlob() throws Exception {
        ByteBuffer blob = ByteBuffer.allocate(2 * B);
        blob.put(B - 100, (byte) 7); // in the file's block 0 when the blob starts 100 bytes before block 1
        List<long[]> runs = new ArrayList<>();
        assertTrue(ZeroBlocks.forEachDataRun(blob, B - 100 + B, (run, at) -> runs.add(new long[]{at, run.remaining()})));
        assertEquals(1, runs.size());
        assertEquals(2 * B, runs.get(0)[0]);
        assertEquals(B, runs.get(0)[1]);
    }

    @Test
    void dataWithoutZeroBlocksIsOneRun() throws Exception {
        ByteBuffer blob = ByteBuffer.allocate(3 * B + 17);
        for (int i = 0; i < blob.limit(); i += 8) {
            blob.put(i, (byte) 1);
        }
        List<long[]> runs = new ArrayList<>();
        assertFalse(ZeroBlocks.forEachDataRun(blob, 5, (run, at) -> runs.add(new long[]{at, run.remaining()})));
        assertEquals(1, runs.size());
        assertEquals(blob.limit(), runs.get(0)[1]);
    }
}
