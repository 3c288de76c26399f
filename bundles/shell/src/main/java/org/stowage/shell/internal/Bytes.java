package org.stowage.shell.internal;

import java.util.Locale;

import org.stowage.api.device.support.ByteSizes;

/** Byte counts and rates for people: binary units (KiB, MiB, ...), one decimal. */
final class Bytes {

    private static final double MIB = 1024.0 * 1024.0;

    private Bytes() {
    }

    /** {@link ByteSizes#format}: {@code 0 B}, {@code 1.0 KiB}, {@code 1.2 GiB}; negative (unknown) counts give ?. */
    static String format(long bytes) {
        return ByteSizes.format(bytes);
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
