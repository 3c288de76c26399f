package org.stowage.staging.internal.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link StagingStore} behaves. Immutable; start from {@link #withCapacity(long)} and change with the
 * {@code with…} methods.
 *
 * @param capacityBytes          the most live block bytes (headers included) the store holds before
 *                               {@code stage} waits; changeable later with {@link StagingStore#setCapacityBytes}
 * @param blockSize              bytes per block of a newly staged object (64 KiB: docs/design.md §16 says why);
 *                               changing it between runs is safe, blocks then deduplicate only with blocks of the
 *                               same size
 * @param segmentBytes           a segment file is sealed once it reaches this size (whole dead segments are deleted)
 * @param stageTimeout           how long {@code stage} waits for room by default
 * @param compactBelowLiveRatio  a sealed segment whose live bytes fall below this share of its size is compacted
 *                               (its live blocks copied forward, the file deleted); bounds disk use to about
 *                               capacity / ratio
 * @param journalCompactMinBytes the journal is compacted once larger than this and twice its live content
 * @param clock                  time stamps of stages and block headers
 */
public record StoreOptions(long capacityBytes, int blockSize, long segmentBytes, Duration stageTimeout,
                           double compactBelowLiveRatio, long journalCompactMinBytes, Clock clock) {

    public static final int DEFAULT_BLOCK_SIZE = 64 * 1024;

    public StoreOptions {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("staging capacity must be positive, got " + capacityBytes);
        }
        if (blockSize < 512 || blockSize > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("staging block size must be 512 B to 16 MiB, got " + blockSize);
        }
        if (segmentBytes < blockSize) {
            throw new IllegalArgumentException("staging segment size " + segmentBytes
                    + " must be at least one block (" + blockSize + ")");
        }
        Objects.requireNonNull(stageTimeout, "stageTimeout");
        if (!(compactBelowLiveRatio >= 0 && compactBelowLiveRatio < 1)) {
            throw new IllegalArgumentException("compactBelowLiveRatio must be in [0, 1), got " + compactBelowLiveRatio);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Defaults: 64 KiB blocks, 64 MiB segments, 30 min stage wait, compaction below 50 % live, 16 MiB journal. */
    public static StoreOptions withCapacity(long capacityBytes) {
        return new StoreOptions(capacityBytes, DEFAULT_BLOCK_SIZE, 64L << 20, Duration.ofMinutes(30), 0.5, 16L << 20,
                Clock.systemUTC());
    }

    public StoreOptions withBlockSize(int size) {
        return new StoreOptions(capacityBytes, size, segmentBytes, stageTimeout, compactBelowLiveRatio,
                journalCompactMinBytes, clock);
    }

    public StoreOptions withSegmentBytes(long bytes) {
        return new StoreOptions(capacityBytes, blockSize, bytes, stageTimeout, compactBelowLiveRatio,
                journalCompactMinBytes, clock);
    }

    public StoreOptions withStageTimeout(Duration timeout) {
        return new StoreOptions(capacityBytes, blockSize, segmentBytes, timeout, compactBelowLiveRatio,
                journalCompactMinBytes, clock);
    }

    public StoreOptions withCompactBelowLiveRatio(double ratio) {
        return new StoreOptions(capacityBytes, blockSize, segmentBytes, stageTimeout, ratio, journalCompactMinBytes,
                clock);
    }

    public StoreOptions withJournalCompactMinBytes(long bytes) {
        return new StoreOptions(capacityBytes, blockSize, segmentBytes, stageTimeout, compactBelowLiveRatio, bytes,
                clock);
    }

    public StoreOptions withClock(Clock newClock) {
        return new StoreOptions(capacityBytes, blockSize, segmentBytes, stageTimeout, compactBelowLiveRatio,
                journalCompactMinBytes, newClock);
    }
}
