package org.stowage.routing.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.stowage.api.job.JobInfo;
import org.stowage.api.job.JobService;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.StowageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules the jobs on a CamelContext whose owner ({@link RoutingComponent}) has started it with the
 * {@link BackupRouteBuilder} routes: adds and removes one Quartz route per job and runs jobs on demand through the
 * same backup route. Free of OSGi so that it is tested on a plain CamelContext. Thread-safe; adding and removing
 * jobs is serialized.
 */
final class JobScheduler implements JobService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    /** How long removing a job waits for a firing in flight before it stops the route anyway. */
    static final long STOP_TIMEOUT_SECONDS = 5;

    private final CamelContext camel;
    private final JobRegistry registry;
    private final ProducerTemplate template;
    private boolean closed;

    /**
     * @param camel    started, with the routes of a {@link BackupRouteBuilder} over {@code registry}
     * @param template the owner's one template
     */
    JobScheduler(CamelContext camel, ProducerTemplate template, JobRegistry registry) {
        this.camel = camel;
        this.registry = registry;
        this.template = template;
    }

    /** Adds a job and, if it is enabled, schedules it. Problems are logged and shown as the job's last result. */
    synchronized void add(JobDefinition job) {
        if (closed) {
            return;
        }
        Optional<JobState> added = registry.add(job);
        if (added.isEmpty()) {
            LOG.error("Job name '{}' of configuration {} is already used by configuration {}; rename one of them. "
                    + "{} is ignored.", job.name(), job.pid(), registry.get(job.name()).definition().pid(), job.pid());
            return;
        }
        if (!job.enabled()) {
            LOG.info("Job '{}' is disabled (enabled=false): not scheduled", job.name());
            return;
        }
        try {
            camel.addRoutes(new JobRouteBuilder(job));
            LOG.info("Job '{}' scheduled: '{}'", job.name(), job.schedule());
        } catch (Exception e) {
            LOG.error("Job '{}' from {} could not be scheduled: {}", job.name(), job.pid(), e.getMessage(), e);
            added.get().unscheduled(e.getMessage());
        }
    }

    /** Unschedules and forgets a job; a run in flight finishes, but its outcome is no longer recorded. */
    synchronized void remove(JobDefinition job) {
        if (closed || !registry.remove(job)) {
            return;
        }
        String routeId = JobRoutes.jobRouteId(job.name());
        if (camel.getRoute(routeId) == null) {
            return;
        }
        try {
            camel.getRouteController().stopRoute(routeId, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            camel.removeRoute(routeId);
            LOG.info("Job '{}' unscheduled", job.name());
        } catch (Exception e) {
            LOG.error("Job '{}': removing route {} failed: {}", job.name(), routeId, e.getMessage(), e);
        }
    }

    @Override
    public List<JobInfo> jobs() {
        return registry.infos();
    }

    @Override
    public SnapshotInfo run(String name) {
        return run(name, ProgressListener.NONE);
    }

    @Override
    public SnapshotInfo run(String name, ProgressListener listener) {
        registry.get(name); // fails with the list of configured jobs
        Exchange exchange = template.send(JobRoutes.BACKUP, e -> {
            e.getMessage().setHeader(JobRoutes.HEADER_JOB, name);
            e.getMessage().setHeader(JobRoutes.HEADER_LISTENER, listener);
        });
        if (exchange.getException() != null) {
            throw new StowageException("Job '" + name + "' could not be run: " + exchange.getException().getMessage(),
                    exchange.getException());
        }
        if (exchange.getProperty(JobRoutes.PROP_SKIPPED) != null) {
            throw new StowageException("Job '" + name + "' is already running; wait until it finishes "
                    + "(see stowage:jobs) and run it again");
        }
        String failure = exchange.getProperty(JobRoutes.PROP_FAILURE, String.class);
        if (failure != null) {
            throw new StowageException("Job '" + name + "' failed: " + failure,
                    exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        }
        return exchange.getMessage().getBody(SnapshotInfo.class);
    }

    /** Stops adding and removing routes; the owner then closes the CamelContext, which stops the Quartz triggers. */
    @Override
    public synchronized void close() {
        closed = true;
    }
}
