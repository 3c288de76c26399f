package org.stowage.api.repository;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A progress report. Totals are -1 while unknown (the scanner that counts them runs beside the operation).
 *
 * @param phase      what the operation is doing
 * @param filesDone  files (or packs, for check and prune) finished
 * @param filesTotal files expected in all, or -1
 * @param bytesDone  bytes finished
 * @param bytesTotal bytes expected in all, or -1
 * @param elapsed    time since the operation started
 * @param current    the item being worked on, for display; may be empty
 */
public record Progress(String phase, long filesDone, long filesTotal, long bytesDone, long bytesTotal,
                       Duration elapsed, String current) {

    public Progress {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(elapsed, "elapsed");
        current = current == null ? "" : current;
    }

    /** Average throughput so far. */
    public double bytesPerSecond() {
        long millis = Math.max(1, elapsed.toMillis());
        return bytesDone * 1000.0 / millis;
    }

    /** Estimated time left, once the total is known and some bytes are done. */
    public Optional<Duration> eta() {
        double rate = bytesPerSecond();
        if (bytesTotal < 0 || bytesDone <= 0 || rate <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, bytesTotal - bytesDone);
        return Optional.of(Duration.ofMillis((long) (left * 1000.0 / rate)));
    }
}
