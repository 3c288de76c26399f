package org.stowage.api.volume;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a block-state query ({@code stowage:volume-blocks}).
 *
 * @param volume     the volume
 * @param blockSize  bytes per block
 * @param size       bytes of the volume
 * @param snapshot   the latest snapshot whose record this is, or null before the first backup
 * @param generation that snapshot's generation (0 before the first backup)
 * @param tracked    whether the volume is exported and its tracking vouches for the blocks it does not call dirty
 * @param counts     blocks per state (every state present, 0 where none)
 * @param ranges     maximal runs of blocks with equal state, zero flag and storing generation, in order
 */
public record VolumeBlocks(String volume, int blockSize, long size, String snapshot, int generation,
                           boolean tracked, Map<BlockState, Long> counts, List<BlockRange> ranges) {

    public VolumeBlocks {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts)); // in the states' order
        ranges = List.copyOf(ranges);
    }

    /** Whether every block is backed up: none is dirty or waiting in a copy for a running backup. */
    public boolean allBackedUp() {
        return counts.getOrDefault(BlockState.DIRTY, 0L) == 0 && counts.getOrDefault(BlockState.COPIED_ON_WRITE, 0L) == 0;
    }
}
