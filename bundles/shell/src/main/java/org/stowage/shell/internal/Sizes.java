package org.stowage.shell.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.karaf.shell.support.CommandException;

/** Parses byte counts that operators type: {@code 4096}, {@code 64k}, {@code 8m}, {@code 1g} (powers of 1024). */
final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(?:i?b)?");

    private Sizes() {
    }

    /**
     * {@code text} as a byte count of 1 up to {@code max}.
     *
     * @throws CommandException naming {@code option} and the accepted forms
     */
    static long parse(String option, String text, long max) throws CommandException {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CommandException(option + " '" + text + "' is not a size: write a number of bytes, "
                    + "optionally with k, m or g (powers of 1024), e.g. 8m");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes < 1 || bytes > max) {
            throw new CommandException(option + " '" + text + "' must be between 1 byte and " + Bytes.format(max));
        }
        return bytes;
    }
}
