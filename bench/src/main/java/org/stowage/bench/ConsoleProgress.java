package org.stowage.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;

/**
 * Prints a progress line at most every {@link #INTERVAL_NANOS} (the bench's logs are files, not terminals) and
 * every warning. Thread-safe, as the listener contract requires.
 */
final class ConsoleProgress implements ProgressListener {

    private static final long INTERVAL_NANOS = 5_000_000_000L;
    private static final double MIB = 1024.0 * 1024.0;

    private final PrintStream out;
    private final AtomicLong next = new AtomicLong(System.nanoTime() + INTERVAL_NANOS);
    private final AtomicLong warnings = new AtomicLong();

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void progress(Progress p) {
        long now = System.nanoTime();
        long due = next.get();
        if (now < due || !next.compareAndSet(due, now + INTERVAL_NANOS)) {
            return;
        }
        out.printf(Locale.ROOT, "  %s: %d/%s files, %.1f/%s MiB, %.1f MiB/s, %.1f s%n", p.phase(), p.filesDone(),
                p.filesTotal() < 0 ? "?" : Long.toString(p.filesTotal()), p.bytesDone() / MIB,
                p.bytesTotal() < 0 ? "?" : String.format(Locale.ROOT, "%.1f", p.bytesTotal() / MIB),
                p.bytesPerSecond() / MIB, p.elapsed().toMillis() / 1000.0);
    }

    @Override
    public void warning(String item, String message) {
        warnings.incrementAndGet();
        out.println("  warning: " + item + ": " + message);
    }

    long warnings() {
        return warnings.get();
    }
}
