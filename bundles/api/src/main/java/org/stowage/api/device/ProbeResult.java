package org.stowage.api.device;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of {@link Device#probe(int)}: how long the device took to move {@code bytes} of test data that it
 * did not keep.
 */
public record ProbeResult(String deviceId, long bytes, Duration elapsed) {

    public ProbeResult {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Transfer speed in bytes per second (bytes over at least one microsecond). */
    public double bytesPerSecond() {
        long micros = Math.max(1, elapsed.toNanos() / 1_000);
        return bytes * 1_000_000.0 / micros;
    }
}
