package org.stowage.routing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.stowage.api.job.JobInfo;
import org.stowage.api.repository.SnapshotInfo;

/**
 * The bookkeeping of one configured job: its definition, whether a run is in progress, and how the last run went.
 * Thread-safe: runs start on Quartz threads and on shell threads, {@link #info()} is read from anywhere.
 */
final class JobState {

    private final JobDefinition definition;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private Instant lastRun;
    private String lastResult = "";
    private long runs;

    JobState(JobDefinition definition, Clock clock) {
        this.definition = definition;
        this.clock = clock;
    }

    JobDefinition definition() {
        return definition;
    }

    /**
     * Marks a run as started.
     *
     * @return false if a run of this job is already in progress; the caller must then not run it
     */
    boolean tryStart() {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        synchronized (this) {
            lastRun = clock.instant();
        }
        return true;
    }

    synchronized void succeeded(SnapshotInfo snapshot) {
        lastResult = "ok " + snapshot.shortId();
        runs++;
    }

    synchronized void failed(String message) {
        lastResult = message;
        runs++;
    }

    /** Ends the run started by a successful {@link #tryStart()}, whatever its outcome. */
    void finish() {
        running.set(false);
    }

    boolean isRunning() {
        return running.get();
    }

    synchronized JobInfo info() {
        String result = lastResult;
        if (result.isEmpty() && !definition.enabled()) {
            result = "disabled: not scheduled (enabled=false)";
        }
        return new JobInfo(definition.name(), definition.paths().stream().map(Object::toString).toList(),
                definition.schedule(), definition.retention().map(Object::toString).orElse(""), lastRun,
                result, runs);
    }

    /** The job exists but is not scheduled (e.g. its route failed to start); shown as its last result. */
    synchronized void unscheduled(String reason) {
        lastResult = "not scheduled: " + reason;
    }
}
