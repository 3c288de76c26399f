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
 * @param failures one line per item that could not be restored (path and reason); empty on full success
 * @param duration wall time
 */
public record RestoreResult(long files, long dirs, long symlinks, long bytes, List<String> failures,
                            Duration duration) {

    public RestoreResult {
        failures = List.copyOf(failures);
    }

    public boolean isComplete() {
        return failures.isEmpty();
    }
}
