package org.stowage.web.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.StowageException;

/**
 * Runs the API's long operations on two worker threads, so that an HTTP request only starts one (202 and the task's
 * URL) and the console follows it by polling or by Server-Sent Events. Keeps the last {@value #KEPT} tasks for the
 * history. Thread-safe.
 */
final class Tasks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tasks.class);
    private static final int KEPT = 200;
    /** Queued or running tasks above which new ones are refused (429), so that a script cannot queue without end. */
    private static final int MAX_PENDING = 16;

    private final ExecutorService workers;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final Clock clock;
    private final EventHub events;

    Tasks(Clock clock, EventHub events) {
        this.clock = clock;
        this.events = events;
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread thread = new Thread(r, "stowage-web-task-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.workers = Executors.newFixedThreadPool(2, factory);
    }

    /** Queues {@code work}, which reports progress to the listener it is given and returns the task's result. */
    Task start(String kind, String title, User user, Function<ProgressListener, Object> work) {
        Task task;
        synchronized (tasks) {
            long pending = tasks.values().stream().filter(t -> t.state() == Task.State.QUEUED
                    || t.state() == Task.State.RUNNING).count();
            if (pending >= MAX_PENDING) {
                throw new ApiException(429, pending + " tasks are queued or running; wait for some to finish "
                        + "(GET /stowage/api/tasks) and start this one again");
            }
            String id = Long.toString(clock.millis(), 36) + "-" + counter.incrementAndGet();
            task = new Task(id, kind, title, user.name(), clock, events);
            tasks.put(id, task);
            while (tasks.size() > KEPT) {
                tasks.remove(tasks.keySet().iterator().next());
            }
        }
        Task started = task;
        LOG.info("Task {} ({}) started by '{}': {}", started.id(), kind, user.name(), title);
        workers.execute(() -> run(started, work));
        events.publish("task", task.view());
        return task;
    }

    private static void run(Task task, Function<ProgressListener, Object> work) {
        if (!task.running()) {
            return; // cancelled while queued
        }
        try {
            task.succeeded(work.apply(task));
            LOG.info("Task {} ({}) succeeded", task.id(), task.kind());
        } catch (StowageException | IllegalArgumentException e) {
            LOG.warn("Task {} ({}) failed: {}", task.id(), task.kind(), e.getMessage());
            task.failed(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Task {} ({}) failed", task.id(), task.kind(), e);
            task.failed(e.getClass().getSimpleName() + ": " + e.getMessage() + " (details in karaf.log)");
        }
    }

    /** The 202 answer to a request that started {@code task}: its view, and its URL in Location. */
    static Reply accepted(Task task) {
        return Reply.accepted(task.view(), "/stowage/api/tasks/" + task.id());
    }

    Optional<Task> get(String id) {
        synchronized (tasks) {
            return Optional.ofNullable(tasks.get(id));
        }
    }

    /**
     * Cancels a queued task.
     *
     * @throws ApiException 404 for an unknown task, 409 for one that runs or is over
     */
    Task.View cancel(String id, User user) {
        Task task = get(id).orElseThrow(() -> ApiException.notFound("No task '" + id + "'"));
        if (!task.cancel(user.name())) {
            throw new ApiException(409, "Task " + id + " is " + task.state() + ": only a queued task can be "
                    + "cancelled; a running backup, restore or check cannot be stopped midway");
        }
        LOG.info("Task {} ({}) cancelled by '{}' before it started", id, task.kind(), user.name());
        return task.view();
    }

    /** Newest first. */
    List<Task.View> views() {
        List<Task> all;
        synchronized (tasks) {
            all = new ArrayList<>(tasks.values());
        }
        return all.stream().map(Task::view).sorted(Comparator.comparing(Task.View::created).reversed()).toList();
    }

    /** The newest finished task of this kind. */
    Optional<Task.View> lastFinished(String kind) {
        return views().stream().filter(v -> v.kind().equals(kind) && v.finished() != null).findFirst();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
