package org.stowage.api.repository;

import java.time.Duration;
import java.util.List;

/**
 * What a restore did.
 *
 * @param files    files restored
 * @param dirs     directories restored
 * @param symlinks symbolic links restored
 * @param bytes    bytes of file content written
 * @param failures one line per item that could not be restored (path and reason), and with verify, per file whose
 *                 content read back differs; empty on full success
 * @param duration wall time
 * @param skipped  entries left as they were in the target by {@link RestoreRequest.Overwrite} (since 1.6)
 * @param verified files read back and found equal to the snapshot (since 1.6; 0 without verify)
 */
public record RestoreResult(long files, long dirs, long symlinks, long bytes, List<String> failures,
                            Duration duration, long skipped, long verified) {

    public RestoreResult {
        failures = List.copyOf(failures);
    }

    /** A result without skipped or verified files: the result before 1.6. */
    public RestoreResult(long files, long dirs, long symlinks, long bytes, List<String> failures, Duration duration) {
        this(files, dirs, symlinks, bytes, failures, duration, 0, 0);
    }

    public boolean isComplete() {
        return failures.isEmpty();
    }
}
