package org.stowage.device.tape.internal;

/**
 * How long the simulated mechanics take (virtual library; an LTFS drive has its own, real ones, so its timing is
 * normally all zero).
 *
 * @param bytesPerSecond       streaming rate of reads and writes, 0 for unthrottled
 * @param locateNanos          fixed cost of one locate
 * @param locateBytesPerSecond speed of the tape while locating (and rewinding), 0 for instant
 * @param loadNanos            moving a cartridge from its slot into the drive and threading it
 * @param rewindNanos          fixed cost of a rewind (plus the distance at locate speed) before an unload
 * @param readThroughBytes     a target at most this far ahead is reached by reading on (streaming) rather than by
 *                             a locate, as drives do for short forward distances
 */
public record TapeTiming(long bytesPerSecond, long locateNanos, long locateBytesPerSecond, long loadNanos,
                  long rewindNanos, long readThroughBytes) {

    public static final TapeTiming INSTANT = new TapeTiming(0, 0, 0, 0, 0, 4L << 20);

    long streamNanos(long bytes) {
        return bytesPerSecond == 0 ? 0 : (long) (bytes * 1e9 / bytesPerSecond);
    }

    long locateNanos(long distance) {
        return locateNanos + travelNanos(distance);
    }

    long rewindNanos(long from) {
        return rewindNanos + travelNanos(from);
    }

    private long travelNanos(long distance) {
        return locateBytesPerSecond == 0 ? 0 : (long) (Math.abs(distance) * 1e9 / locateBytesPerSecond);
    }
}
