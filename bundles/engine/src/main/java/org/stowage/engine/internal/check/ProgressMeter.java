package org.stowage.engine.internal.check;

import java.time.Duration;

import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;

/**
 * Reports a phase's progress to a {@link ProgressListener} at most every 250 ms, plus once when the phase ends.
 * Not thread-safe: one per operation thread.
 */
public final class ProgressMeter {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final ProgressListener listener;
    private final long started = System.nanoTime();
    private long lastReport;
    private String phase = "";
    private long done;
    private long total = -1;
    private long bytesDone;
    private long bytesTotal = -1;

    public ProgressMeter(ProgressListener listener) {
        this.listener = listener;
    }

    /** Starts a phase of {@code total} items and {@code bytesTotal} bytes (-1 when unknown). */
    public void phase(String name, long total, long bytesTotal) {
        this.phase = name;
        this.total = total;
        this.bytesTotal = bytesTotal;
        this.done = 0;
        this.bytesDone = 0;
        report("");
    }

    /** One more item of {@code bytes} bytes is done. */
    public void advance(long bytes, String current) {
        done++;
        bytesDone += bytes;
        if (System.nanoTime() - lastReport >= INTERVAL_NANOS) {
            report(current);
        }
    }

    /** Reports the phase's final state. */
    public void endPhase() {
        report("");
    }

    private void report(String current) {
        lastReport = System.nanoTime();
        listener.progress(new Progress(phase, done, total, bytesDone, bytesTotal,
                Duration.ofNanos(lastReport - started), current));
    }
}
