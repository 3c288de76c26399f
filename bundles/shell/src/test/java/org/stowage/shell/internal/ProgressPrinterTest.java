package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.stowage.api.repository.Progress;

class ProgressPrinterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void overwritesTheLineAndPadsShorterLines() {
        ProgressPrinter printer = new ProgressPrinter(console, 0, true);
        printer.progress(progress("/a/long/name"));
        printer.progress(progress("/b"));
        String out = text();
        String first = ProgressLine.format(progress("/a/long/name"), 0);
        String second = ProgressLine.format(progress("/b"), 0);
        assertEquals("\r" + first + "\r" + second + " ".repeat(first.length() - second.length()), out);

        printer.finish();
        assertTrue(text().endsWith("\r" + " ".repeat(first.length()) + "\r"), text());
    }

    @Test
    void withoutTerminalNothingIsPrinted() {
        ProgressPrinter printer = new ProgressPrinter(console, 80, false);
        printer.progress(progress("/x"));
        printer.finish();
        assertEquals("", text());
    }

    @Test
    void warningsAreCappedButCounted() {
        ProgressPrinter printer = new ProgressPrinter(console, 0, false);
        for (int i = 0; i < ProgressPrinter.MAX_WARNINGS_SHOWN + 5; i++) {
            printer.warning("/f" + i, "permission denied");
        }
        printer.printWarnings(console, "Skipped");
        String out = text();
        assertTrue(out.startsWith("Skipped (" + (ProgressPrinter.MAX_WARNINGS_SHOWN + 5) + "):"), out);
        assertTrue(out.contains("  /f0: permission denied"), out);
        assertTrue(out.contains("... and 5 more"), out);
        assertEquals(ProgressPrinter.MAX_WARNINGS_SHOWN + 5, printer.warningCount());
    }

    @Test
    void noWarningsPrintNothing() {
        new ProgressPrinter(console, 0, false).printWarnings(console, "Skipped");
        assertEquals("", text());
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Progress progress(String current) {
        return new Progress("backup", 1, 2, 100, 200, Duration.ofSeconds(1), current);
    }
}
