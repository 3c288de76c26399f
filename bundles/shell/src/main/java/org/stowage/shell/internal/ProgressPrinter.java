package org.stowage.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;

/**
 * Shows progress as one live line, overwritten with {@code \r}, and collects warnings to print after the summary
 * (printing them mid-line would tear the progress line). Thread-safe: the engine calls it from worker threads.
 */
final class ProgressPrinter implements ProgressListener {

    /** Warnings beyond this many are counted, not printed: a broken disk can make millions. */
    static final int MAX_WARNINGS_SHOWN = 50;

    private final PrintStream console;
    private final int width;
    private final boolean live;
    private final List<String> warnings = new ArrayList<>();
    private long warningCount;
    /** Width of what is on the progress line now. */
    private int lastLength;

    /**
     * @param live  false where no terminal can overwrite a line (batch sessions, tests): no progress is printed
     * @param width the terminal width, 0 if unknown
     */
    ProgressPrinter(PrintStream console, int width, boolean live) {
        this.console = console;
        this.width = width > 0 ? width - 1 : 0; // the last column would wrap on some terminals
        this.live = live;
    }

    @Override
    public synchronized void progress(Progress progress) {
        if (!live) {
            return;
        }
        String line = ProgressLine.format(progress, width);
        // Pad with blanks so that a shorter line fully covers the previous one.
        console.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        console.flush();
        // The padding is on screen too: the visible line is as wide as the widest line so far.
        lastLength = Math.max(lastLength, line.length());
    }

    @Override
    public synchronized void warning(String item, String message) {
        warningCount++;
        if (warnings.size() < MAX_WARNINGS_SHOWN) {
            warnings.add(item + ": " + message);
        }
    }

    /** Clears the progress line so that the summary starts on a clean line. */
    synchronized void finish() {
        if (lastLength > 0) {
            console.print("\r" + " ".repeat(lastLength) + "\r");
            console.flush();
            lastLength = 0;
        }
    }

    /** Prints the collected warnings, if any, under a heading. */
    synchronized void printWarnings(PrintStream out, String heading) {
        if (warningCount == 0) {
            return;
        }
        out.println(heading + " (" + warningCount + "):");
        warnings.forEach(w -> out.println("  " + w));
        if (warningCount > warnings.size()) {
            out.println("  ... and " + (warningCount - warnings.size()) + " more (see the log)");
        }
    }

    synchronized long warningCount() {
        return warningCount;
    }
}
