package org.stowage.engine.internal.archiver;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.Progress;

/**
 * Reports a backup's progress to its listener four times per second from a timer thread, and once at the end;
 * never per chunk. Thread-safe.
 */
final class ProgressReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
    private static final long PERIOD_MILLIS = 250;

    private final ArchiveContext context;
    private final Scanner scanner;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;

    ProgressReporter(ArchiveContext context, Scanner scanner) {
        this.context = context;
        this.scanner = scanner;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stowage-archiver-progress");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.scheduleAtFixedRate(this::report, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void report() {
        ArchiveStats s = context.stats;
        Progress progress = new Progress("backup", s.filesDone.sum(), scanner.filesTotal(), s.bytesDone.sum(),
                scanner.bytesTotal(), elapsed(), context.current());
        try {
            context.listener.progress(progress);
        } catch (RuntimeException e) {
            // a broken listener must not stop the backup, nor later reports; it is logged, not hidden
            LOG.warn("progress listener {} failed: {}", context.listener, e.toString(), e);
        }
    }

    /** Stops the timer and sends the final report. */
    @Override
    public void close() {
        timer.shutdownNow();
        report();
    }
}
