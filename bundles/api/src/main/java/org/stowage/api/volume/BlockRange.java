package org.stowage.api.volume;

/**
 * Consecutive blocks in the same state.
 *
 * @param first     the first block (its byte offset is first × block size)
 * @param last      the last block, inclusive
 * @param state     their state
 * @param zero      whether the record holds them as all zeros (recorded, nothing stored)
 * @param storedIn  the generation of the volume's snapshots that stored them (1 = its first snapshot), 0 for blocks
 *                  no snapshot holds yet
 */
public record BlockRange(long first, long last, BlockState state, boolean zero, int storedIn) {
}
