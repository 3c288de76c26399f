package org.stowage.device.s3.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes such as {@code 0}, {@code 1048576}, {@code 16m}, {@code 2g}, {@code 1t}. */
final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})([kmgt]?)");

    private Sizes() {
    }

    /**
     * Bytes for a whole number with an optional binary unit: k = 2^10, m = 2^20, g = 2^30, t = 2^40 (case does not
     * matter; surrounding blanks are ignored).
     *
     * @throws IllegalArgumentException explaining the accepted form
     */
    static long parse(String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a size: use a whole number of bytes, "
                    + "optionally with k, m, g or t (powers of 1024), e.g. 16m, 2g");
        }
        int shift = switch (matcher.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long number;
        try {
            number = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is too large", e);
        }
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + value + "' is too large: at most " + Long.MAX_VALUE + " bytes");
        }
        return number << shift;
    }
}
