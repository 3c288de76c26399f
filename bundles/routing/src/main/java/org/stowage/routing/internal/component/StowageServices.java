package org.stowage.routing.internal.component;

import java.util.Objects;
import java.util.function.Supplier;

import org.stowage.api.job.JobService;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CheckService;
import org.stowage.api.repository.RestoreService;
import org.stowage.api.repository.RetentionService;
import org.stowage.api.repository.SnapshotService;

/**
 * What every {@code stowage:} component instance works with: the repository's service facades, the jobs (a supplier,
 * because the job scheduler starts after the CamelContext that holds the component) and the installation's events.
 * The same for Stowage's CamelContext and for integrators' own contexts.
 */
public record StowageServices(BackupService backup, RestoreService restore, SnapshotService snapshots,
                              CheckService check, RetentionService retention, Supplier<JobService> jobs,
                              StowageEvents events) {

    public StowageServices {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(restore, "restore");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(events, "events");
    }
}
