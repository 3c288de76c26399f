package org.stowage.shell.internal;

import org.apache.karaf.shell.support.CommandException;
import org.stowage.api.device.support.ByteSizes;

/**
 * Byte counts that operators type in command options, parsed as in device configurations ({@link ByteSizes}:
 * {@code 4096}, {@code 64k}, {@code 8m}, {@code 8MiB}, {@code 1g}, powers of 1024), within a command's bounds.
 */
final class Sizes {

    private Sizes() {
    }

    /**
     * {@code text} as a byte count of 1 up to {@code max}.
     *
     * @throws CommandException naming {@code option} and the accepted forms
     */
    static long parse(String option, String text, long max) throws CommandException {
        long bytes;
        try {
            bytes = ByteSizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandException(option + " " + e.getMessage());
        }
        if (bytes < 1 || bytes > max) {
            throw new CommandException(option + " '" + text + "' must be between 1 byte and " + Bytes.format(max));
        }
        return bytes;
    }
}
