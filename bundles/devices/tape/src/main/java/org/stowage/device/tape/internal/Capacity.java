package org.stowage.device.tape.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses capacity values such as {@code 0}, {@code 1048576}, {@code 500m}, {@code 2g}, {@code 1t}. */
final class Capacity {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})([kmgt]?)");

    private Capacity() {
    }

    /**
     * Bytes for a whole number with an optional binary unit: k = 2^10, m = 2^20, g = 2^30, t = 2^40 (case does not
     * matter; surrounding blanks are ignored). {@code 0} means "no limit".
     *
     * @throws IllegalArgumentException explaining the accepted form
     */
    static long parse(String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a capacity: use a whole number of bytes, "
                    + "optionally with k, m, g or t (powers of 1024), e.g. 0 (no limit), 500m, 2g, 1t");
        }
        int shift = switch (matcher.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        try {
            long number = Long.parseLong(matcher.group(1));
            if (number > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException("overflow");
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("capacity '" + value + "' is too large: at most "
                    + Long.MAX_VALUE + " bytes", e);
        }
    }
}
