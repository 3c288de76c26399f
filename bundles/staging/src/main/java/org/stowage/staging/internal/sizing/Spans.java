package org.stowage.staging.internal.sizing;

import java.time.Duration;

/** Durations as operators read them in a sizing "why": {@code 45s}, {@code 10m}, {@code 1h30m}. Stateless. */
final class Spans {

    private Spans() {
    }

    /** {@code PT1H30M} → {@code 1h30m}; seconds are dropped from durations of an hour or more. */
    static String of(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds % 60 == 0 ? seconds / 60 + "m" : seconds / 60 + "m" + seconds % 60 + "s";
        }
        long minutes = seconds / 60 % 60;
        return seconds / 3600 + "h" + (minutes == 0 ? "" : minutes + "m");
    }
}
