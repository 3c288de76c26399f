package org.stowage.api.device.support;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as operators write them in a device configuration: a whole number of bytes with an optional binary
 * unit, k = 2^10, m = 2^20, g = 2^30, t = 2^40, also written as kib, mib, gib, tib ({@code 0}, {@code 1048576},
 * {@code 16m}, {@code 2g}, {@code 8MiB}, {@code 1t}). Case does not matter and surrounding blanks are ignored;
 * fractions, signs, blanks inside and "gb" (a decimal unit to many) are refused.
 * Every refusal is an {@link IllegalArgumentException} whose message quotes the value and says what to write, ready
 * to follow "key 'x' is invalid: ". {@link #format} writes byte counts for people. Stateless and thread-safe.
 */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})(?:([kmgt])(?:ib)?)?");

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSizes() {
    }

    /**
     * A byte count for people, in binary units with one decimal: {@code 0 B}, {@code 999 B}, {@code 1.0 KiB},
     * {@code 1.2 GiB}; a negative (unknown) count gives {@code ?}.
     */
    public static String format(long bytes) {
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

    /**
     * Bytes of a size such as a part or buffer size, e.g. {@code 16m}.
     *
     * @throws IllegalArgumentException "'x' is not a size: ..." or "'x' is too large: ..."
     */
    public static long parse(String value) {
        return parse(value, "size", "e.g. 16m, 2g", "");
    }

    /**
     * Bytes of a capacity (a limit of bytes a device may hold), where {@code 0} conventionally means "no limit".
     *
     * @throws IllegalArgumentException "'x' is not a capacity: ..." or "capacity 'x' is too large: ..."
     */
    public static long parseCapacity(String value) {
        return parse(value, "capacity", "e.g. 0 (no limit), 500m, 2g, 1t", "capacity ");
    }

    private static long parse(String value, String noun, String examples, String tooLargePrefix) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a " + noun + ": use a whole number of bytes, "
                    + "optionally with k, m, g or t (powers of 1024), " + examples);
        }
        int shift = matcher.group(2) == null ? 0 : switch (matcher.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        String tooLarge = tooLargePrefix + "'" + value + "' is too large: at most " + Long.MAX_VALUE + " bytes";
        long number;
        try {
            number = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) { // 19 digits above Long.MAX_VALUE
            throw new IllegalArgumentException(tooLarge, e);
        }
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException(tooLarge);
        }
        return number << shift;
    }
}
