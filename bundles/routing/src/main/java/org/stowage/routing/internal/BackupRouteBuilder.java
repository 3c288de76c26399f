package org.stowage.routing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.CopyResult;
import org.stowage.api.repository.CopyService;
import org.stowage.api.repository.ForgetResult;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.PruneResult;
import org.stowage.api.repository.RetentionPolicy;
import org.stowage.api.repository.RetentionService;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.StowageException;
import org.stowage.api.volume.VolumeBackupResult;
import org.stowage.api.volume.VolumeService;
import org.stowage.routing.internal.component.StowageEventType;
import org.stowage.routing.internal.component.StowageEvents;

/**
 * The routes every job run goes through: {@code direct:backup} (start the run unless the job is already running,
 * back up, copy, then retention, record the outcome), {@code direct:copy} (copy or move the new snapshot's data to
 * the job's {@code copy.to} devices, if any) and {@code direct:retention} (forget by the job's policy, then prune if
 * configured). A failed run is logged and recorded in the job's last result; it never fails the caller's
 * route, so the job's Quartz route keeps firing. Each run publishes JOB_STARTED, SNAPSHOT_SAVED, and JOB_FINISHED or
 * JOB_FAILED to {@code stowage:events}.
 */
final class BackupRouteBuilder extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(BackupRouteBuilder.class);

    private final JobRegistry jobs;
    private final BackupService backupService;
    private final RetentionService retentionService;
    private final CopyService copyService;
    private final StowageEvents events;
    private final Supplier<Optional<VolumeService>> volumes;

    /** @param volumes the volume service, for jobs with a {@code volume} key (empty while it is not registered) */
    BackupRouteBuilder(JobRegistry jobs, BackupService backupService, RetentionService retentionService,
                       CopyService copyService, StowageEvents events, Supplier<Optional<VolumeService>> volumes) {
        this.jobs = jobs;
        this.backupService = backupService;
        this.retentionService = retentionService;
        this.copyService = copyService;
        this.events = events;
        this.volumes = volumes;
    }

    @Override
    public void configure() {
        // No redelivery: a backup is long and not worth repeating blindly; doCatch logs and records instead.
        errorHandler(noErrorHandler());

        from(JobRoutes.BACKUP).routeId(JobRoutes.BACKUP_ROUTE_ID)
                .process(this::begin)
                .doTry()
                    .process(this::backup)
                    .to(JobRoutes.COPY)
                    .to(JobRoutes.RETENTION)
                    .process(this::succeeded)
                .doCatch(Exception.class)
                    .process(this::failed)
                .doFinally()
                    .process(exchange -> state(exchange).finish())
                .end();

        from(JobRoutes.COPY).routeId(JobRoutes.COPY_ROUTE_ID)
                .process(this::copy);

        from(JobRoutes.RETENTION).routeId(JobRoutes.RETENTION_ROUTE_ID)
                .process(this::retention);
    }

    private void copy(Exchange exchange) {
        JobDefinition job = state(exchange).definition();
        if (job.copy().to().isEmpty()) {
            return;
        }
        SnapshotInfo snapshot = exchange.getMessage().getBody(SnapshotInfo.class);
        CopyResult copied = copyService.copy(List.of(snapshot.id()), job.copy().to(), job.copy().move(),
                new WarningLogger(job.name(), ProgressListener.NONE, events));
        LOG.info("Job '{}': {} snapshot {} to {}: {} copies written ({} bytes), {} removed", job.name(),
                job.copy().move() ? "moved" : "copied", snapshot.shortId(), job.copy().to(), copied.copiesMade(),
                copied.bytesCopied(), copied.copiesRemoved());
    }

    private void begin(Exchange exchange) {
        String name = exchange.getMessage().getHeader(JobRoutes.HEADER_JOB, String.class);
        JobState state = jobs.get(name);
        if (!state.tryStart()) {
            LOG.info("Job '{}' is still running since {}; skipping this run", name, state.info().lastRun());
            exchange.setProperty(JobRoutes.PROP_SKIPPED, true);
            exchange.setRouteStop(true);
            return;
        }
        exchange.setProperty(JobRoutes.PROP_STATE, state);
        events.publish(StowageEventType.JOB_STARTED, name, null, null, name);
    }

    private void backup(Exchange exchange) {
        JobDefinition job = state(exchange).definition();
        ProgressListener follower = exchange.getMessage().getHeader(JobRoutes.HEADER_LISTENER,
                ProgressListener.class);
        WarningLogger listener = new WarningLogger(job.name(), follower == null ? ProgressListener.NONE : follower,
                events);
        SnapshotInfo snapshot;
        if (job.volume() != null) {
            snapshot = backupVolume(job, listener);
        } else {
            LOG.info("Job '{}' started: backing up {}", job.name(), job.paths());
            BackupRequest request = new BackupRequest(job.paths(), null, job.snapshotTags(), null, job.placement(),
                    job.selection(), job.replicas());
            snapshot = backupService.backup(request, listener);
        }
        exchange.getMessage().setBody(snapshot);
        events.publish(StowageEventType.SNAPSHOT_SAVED, job.name(), null, null, snapshot);
    }

    /** A volume job: the volume service chooses tracked, hash or full; the snapshot carries the job's tags. */
    private SnapshotInfo backupVolume(JobDefinition job, ProgressListener listener) {
        VolumeService service = volumes.get().orElseThrow(() -> new StowageException("job '" + job.name()
                + "' backs up volume '" + job.volume() + "', but no VolumeService is registered: is the engine"
                + " started and the repository configured?"));
        LOG.info("Job '{}' started: backing up volume {}", job.name(), job.volume());
        VolumeBackupResult r = service.backup(job.volume(), false, job.snapshotTags(), listener);
        LOG.info("Job '{}': volume {} backed up ({}): read {} blocks, {} blobs added", job.name(), job.volume(),
                r.mode(), r.blocksRead(), r.blobsAdded());
        return new SnapshotInfo(r.snapshot(), Instant.now(), null, List.of("volume:" + job.volume()),
                job.snapshotTags(), null, null, null);
    }

    private void retention(Exchange exchange) {
        JobDefinition job = state(exchange).definition();
        if (job.retention().isEmpty()) {
            return;
        }
        RetentionPolicy policy = job.retention().get();
        ForgetResult forget = retentionService.forget(policy, Set.of(job.jobTag()), false);
        LOG.info("Job '{}': retention {} kept {} and removed {} snapshots", job.name(), policy,
                forget.kept().size(), forget.removed().size());
        if (job.prune()) {
            PruneResult prune = retentionService.prune(false, ProgressListener.NONE);
            LOG.info("Job '{}': prune deleted {} packs, repacked {}, freed {} bytes", job.name(),
                    prune.packsDeleted(), prune.packsRepacked(), prune.bytesFreed());
        }
    }

    private void succeeded(Exchange exchange) {
        SnapshotInfo snapshot = exchange.getMessage().getBody(SnapshotInfo.class);
        state(exchange).succeeded(snapshot);
        events.publish(StowageEventType.JOB_FINISHED, state(exchange).definition().name(), null, null, snapshot);
        LOG.info("Job '{}' finished: snapshot {}{}", state(exchange).definition().name(), snapshot.shortId(),
                snapshot.isComplete() ? "" : " (incomplete: " + snapshot.incompleteReason() + ")");
    }

    private void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
        Object body = exchange.getMessage().getBody();
        // The snapshot is committed before retention runs; say so, so that nobody re-runs the backup for nothing.
        String message = body instanceof SnapshotInfo saved
                ? "snapshot " + saved.shortId() + " saved, but retention failed: " + reason
                : reason;
        JobState state = state(exchange);
        state.failed(message);
        exchange.setProperty(JobRoutes.PROP_FAILURE, message);
        LOG.error("Job '{}' failed: {}", state.definition().name(), message, cause);
        events.publish(StowageEventType.JOB_FAILED, state.definition().name(), null, message, message);
    }

    private static JobState state(Exchange exchange) {
        return exchange.getProperty(JobRoutes.PROP_STATE, JobState.class);
    }

    /**
     * Skipped files go to the log, with the job name; progress and warnings also to whoever follows a manual run
     * (NONE for scheduled runs, which report only their outcome); replica switches to the log and to stowage:events
     * as REPLICA_SWITCHED.
     */
    private record WarningLogger(String job, ProgressListener follower, StowageEvents events)
            implements ProgressListener {

        @Override
        public void progress(org.stowage.api.repository.Progress progress) {
            follower.progress(progress);
        }

        @Override
        public void warning(String item, String message) {
            LOG.warn("Job '{}': skipped {}: {}", job, item, message);
            follower.warning(item, message);
        }

        @Override
        public void replicaSwitched(org.stowage.api.repository.ReplicaSwitch change) {
            LOG.warn("Job '{}': replica {} failed at {} (offset {}): {}; going on from {}", job, change.from(),
                    change.path(), change.offset(), change.reason(), change.to());
            events.publish(StowageEventType.REPLICA_SWITCHED, job, null, change.reason(), change);
            follower.replicaSwitched(change);
        }
    }
}
