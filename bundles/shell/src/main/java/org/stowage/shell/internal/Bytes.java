package org.stowage.shell.internal;

import java.util.Locale;

/** Byte counts and rates for people: binary units (KiB, MiB, ...), one decimal. */
final class Bytes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final double MIB = 1024.0 * 1024.0;

    private Bytes() {
    }

    /** {@code 0 B}, {@code 999 B}, {@code 1.0 KiB}, {@code 1.2 GiB}; negative (unknown) counts give {@code ?}. */
    static String format(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.96 KiB would print as "1024.0 KiB"; move to the next unit instead.
        if (Math.round(value * 10) >= 10240 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** A rate with an adaptive unit: {@code 45.6 MiB/s}. */
    static String rate(double bytesPerSecond) {
        return format(Math.round(Math.max(0, bytesPerSecond))) + "/s";
    }

    /** Mebibytes per second with one decimal, for columns headed "MiB/s". */
    static String mibPerSecond(double bytesPerSecond) {
        return String.format(Locale.ROOT, "%.1f", Math.max(0, bytesPerSecond) / MIB);
    }
}
