package org.stowage.staging.internal.sizing;

import java.time.Duration;
import java.util.Locale;

/** Byte counts and durations as operators read them in a "why". Stateless. */
final class Bytes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Bytes() {
    }

    /** {@code 1536} → {@code 1.5 KiB}; below 1 KiB exact bytes. */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code PT1H30M} → {@code 1h30m}; seconds are dropped from durations of an hour or more. */
    static String duration(Duration d) {
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
