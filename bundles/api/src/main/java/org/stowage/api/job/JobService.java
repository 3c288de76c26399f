package org.stowage.api.job;

import java.util.List;

import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotInfo;

/** The configured backup jobs. Thread-safe. */
public interface JobService {

    /** Every configured job, by name. */
    List<JobInfo> jobs();

    /**
     * Runs a job now, outside its schedule, and waits for it.
     *
     * @throws org.stowage.api.repository.StowageException if there is no such job or the backup fails
     */
    SnapshotInfo run(String name);

    /**
     * Like {@link #run(String)}, reporting the backup's progress and skipped files to {@code listener} as well (the
     * web console shows a job run live). The default ignores the listener.
     *
     * @since 1.1
     */
    default SnapshotInfo run(String name, ProgressListener listener) {
        return run(name);
    }
}
