package org.stowage.staging.internal.sizing;

import java.time.Duration;
import java.util.Objects;

/**
 * The operator's bounds and the rules' constants for sizing the staging space (docs/staging.md explains each).
 *
 * @param minBytes           never less than this (unless the volume has not the room)
 * @param maxBytes           never more than this
 * @param sequentialRun      a sequential device gets room for at least this long a streaming run at its speed, so a
 *                           drain writes long runs and a tape never stops and repositions between records
 * @param randomRun          a random-access device gets room for at least this much of its traffic
 * @param volumeShare        the share of the staging volume (its free space plus what staging already takes) that
 *                           staging may use: disk use can reach capacity / compactBelowLiveRatio (fragmentation)
 */
public record SizingPolicy(long minBytes, long maxBytes, Duration sequentialRun, Duration randomRun,
                           double volumeShare) {

    public SizingPolicy {
        if (minBytes <= 0 || maxBytes < minBytes) {
            throw new IllegalArgumentException("staging sizing needs 0 < min <= max, got min " + minBytes + " max "
                    + maxBytes);
        }
        Objects.requireNonNull(sequentialRun, "sequentialRun");
        Objects.requireNonNull(randomRun, "randomRun");
        if (!(volumeShare > 0 && volumeShare <= 1)) {
            throw new IllegalArgumentException("staging volume share must be in (0, 1], got " + volumeShare);
        }
    }

    /** 10 min streaming runs for sequential devices, 1 min for random access, half the volume. */
    public static SizingPolicy between(long minBytes, long maxBytes) {
        return new SizingPolicy(minBytes, maxBytes, Duration.ofMinutes(10), Duration.ofMinutes(1), 0.5);
    }
}
