package org.stowage.engine.internal.restorer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Splits a blob's plaintext, about to be written at a file offset, into the runs that hold data, leaving out every
 * block (4 KiB, aligned on file offsets) that is all zeros: a sparse restore does not write those, so they stay
 * holes in the new file (which reads them as zeros). A block that starts with a non-zero long is data at once, so
 * ordinary data costs one comparison per block. Stateless.
 */
public final class ZeroBlocks {

    static final int BLOCK = 4096;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(BLOCK).asReadOnlyBuffer();

    private ZeroBlocks() {
    }

    /**
     * Calls {@code writer} for each maximal run of data blocks of {@code view} (position to limit, not changed),
     * whose first byte belongs at {@code position} in the file; returns whether any block was left out.
     */
    static boolean forEachDataRun(ByteBuffer view, long position, RunWriter writer) throws IOException {
        int start = view.position();
        int limit = view.limit();
        int runStart = -1;
        boolean skipped = false;
        for (int i = start; i < limit; ) {
            int end = (int) Math.min(limit, i + BLOCK - Math.floorMod(position + i - start, BLOCK));
            boolean zero = isZero(view, i, end);
            if (zero) {
                skipped = true;
                if (runStart >= 0) {
                    writer.write(view.duplicate().position(runStart).limit(i), position + runStart - start);
                    runStart = -1;
                }
            } else if (runStart < 0) {
                runStart = i;
            }
            i = end;
        }
        if (runStart >= 0) {
            writer.write(view.duplicate().position(runStart).limit(limit), position + runStart - start);
        }
        return skipped;
    }

    /**
     * Whether {@code view} (position to limit, not changed) holds only zeros: what a volume's block costs nothing
     * for. Compares in slices of {@link #BLOCK}, returning at the first non-zero slice.
     */
    public static boolean allZero(ByteBuffer view) {
        for (int i = view.position(); i < view.limit(); i += BLOCK) {
            if (!isZero(view, i, Math.min(view.limit(), i + BLOCK))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(ByteBuffer view, int from, int to) {
        if (to - from >= Long.BYTES && view.getLong(from) != 0) {
            return false;
        }
        return view.duplicate().position(from).limit(to).mismatch(ZEROS.duplicate().limit(to - from)) == -1;
    }

    /** Writes {@code run} (position to limit) at {@code position} of the file. */
    @FunctionalInterface
    interface RunWriter {
        void write(ByteBuffer run, long position) throws IOException;
    }
}
