package org.stowage.shell.internal;

import java.util.Locale;

import org.stowage.api.repository.Progress;

/**
 * One line that describes a {@link Progress}: phase, files done/total, bytes done/total, rate, ETA and the current
 * item, cut to the terminal width (the item loses its beginning first, as the end of a path says most).
 */
final class ProgressLine {

    private ProgressLine() {
    }

    /** @param width the terminal width; 0 or less for no limit */
    static String format(Progress p, int width) {
        StringBuilder line = new StringBuilder();
        line.append(p.phase()).append("  ")
                .append(count(p.filesDone())).append(p.filesTotal() >= 0 ? "/" + count(p.filesTotal()) : "")
                .append(" files  ")
                .append(Bytes.format(p.bytesDone())).append(p.bytesTotal() >= 0 ? "/" + Bytes.format(p.bytesTotal()) : "")
                .append("  ").append(Bytes.rate(p.bytesPerSecond()))
                .append("  ETA ").append(p.eta().map(Durations::format).orElse("--"));
        if (!p.current().isEmpty()) {
            line.append("  ").append(p.current());
        }
        return fit(line.toString(), line.length() - p.current().length(), width);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Cuts the tail part (from {@code fixed} on) from the left so that the line fits; never the fixed part. */
    private static String fit(String line, int fixed, int width) {
        if (width <= 0 || line.length() <= width) {
            return line;
        }
        int room = width - fixed;
        if (room < 8) {
            return line.substring(0, Math.min(fixed, width)).stripTrailing();
        }
        String tail = line.substring(fixed);
        return line.substring(0, fixed) + "..." + tail.substring(tail.length() - (room - 3));
    }
}
