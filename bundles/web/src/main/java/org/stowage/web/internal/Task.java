package org.stowage.web.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;

/**
 * One long operation started from the API (backup, restore, job run, check, prune): its progress while it runs and
 * its result or error after. The worker thread writes, request threads read {@link #view()}: fields are volatile and
 * each view is a consistent-enough snapshot for display.
 */
final class Task implements ProgressListener {

    enum State { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** What the API shows of a task. */
    record View(String id, String kind, String title, String user, State state, Instant created, Instant finished,
                Progress progress, long warnings, String lastWarning, Object result, String error) {
    }

    private final String id;
    private final String kind;
    private final String title;
    private final String user;
    private final Instant created;
    private final Clock clock;
    private final EventHub events;
    private final AtomicLong warnings = new AtomicLong();
    private volatile State state = State.QUEUED;
    private volatile Progress progress;
    private volatile String lastWarning;
    private volatile Object result;
    private volatile String error;
    private volatile Instant finished;

    Task(String id, String kind, String title, String user, Clock clock, EventHub events) {
        this.id = id;
        this.kind = kind;
        this.title = title;
        this.user = user;
        this.clock = clock;
        this.created = clock.instant();
        this.events = events;
    }

    String id() {
        return id;
    }

    String kind() {
        return kind;
    }

    State state() {
        return state;
    }

    /** Marks the task running; false if it was cancelled while queued (the worker then skips it). */
    synchronized boolean running() {
        if (state != State.QUEUED) {
            return false;
        }
        state = State.RUNNING;
        events.publish("task", view());
        return true;
    }

    /**
     * Cancels the task if it has not started: the services offer no way to stop a backup, restore or check midway.
     *
     * @return false if it is running or over
     */
    synchronized boolean cancel(String by) {
        if (state != State.QUEUED) {
            return false;
        }
        error = "cancelled by " + by + " before it started";
        finish(State.CANCELLED);
        return true;
    }

    void succeeded(Object value) {
        result = value;
        finish(State.SUCCEEDED);
    }

    void failed(String message) {
        error = message;
        finish(State.FAILED);
    }

    private void finish(State end) {
        finished = clock.instant();
        state = end;
        events.publish("task", view());
    }

    @Override
    public void progress(Progress report) {
        progress = report;
        events.publish("task", view());
    }

    @Override
    public void warning(String item, String message) {
        warnings.incrementAndGet();
        lastWarning = item + ": " + message;
    }

    View view() {
        return new View(id, kind, title, user, state, created, finished, progress, warnings.get(), lastWarning,
                result, error);
    }
}
