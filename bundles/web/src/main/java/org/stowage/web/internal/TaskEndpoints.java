package org.stowage.web.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Tasks (the API's long operations) and the live event stream: {@code GET /events} is a Server-Sent-Events stream of
 * {@code task} (progress, end) and {@code device} (state change) events, with a comment every 15 s that keeps proxies
 * and the connector's idle timeout from closing it. A stream ends after {@value #STREAM_MINUTES} minutes, or within
 * 15 s of the end of the session it was opened with; browsers' EventSource reconnects by itself (and then needs a
 * login).
 */
final class TaskEndpoints {

    private static final long STREAM_MINUTES = 30;

    private final Tasks tasks;
    private final EventHub events;
    private final Sessions sessions;

    TaskEndpoints(Tasks tasks, EventHub events, Sessions sessions) {
        this.tasks = tasks;
        this.events = events;
        this.sessions = sessions;
    }

    void register(Router router) {
        router.add("GET", "/tasks", Role.VIEWER, c -> {
                    List<Task.View> views = tasks.views();
                    return views.subList(0, Math.min(views.size(), c.intQuery("limit", 200, 1, 200)));
                })
                .add("GET", "/tasks/{id}", Role.VIEWER, c -> tasks.get(c.param("id")).map(Task::view)
                        .orElseThrow(() -> ApiException.notFound("No task '" + c.param("id") + "'; the last 200 "
                                + "are kept, listed by GET /stowage/api/tasks")))
                .add("DELETE", "/tasks/{id}", Role.OPERATOR, c -> tasks.cancel(c.param("id"), c.user))
                .add("GET", "/events", Role.VIEWER, this::stream);
    }

    private Object stream(Call call) throws IOException, InterruptedException {
        call.response.setContentType("text/event-stream");
        call.response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        call.response.setHeader("Cache-Control", "no-store");
        PrintWriter out = call.response.getWriter();
        BlockingQueue<EventHub.Event> queue = events.subscribe();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(STREAM_MINUTES);
        // a stream opened with a session ends with it (logout, idle time); Basic streams end by the time limit
        String session = Authentication.cookie(call.request);
        boolean viaSession = call.request.getHeader("Authorization") == null && session != null;
        try {
            out.write("retry: 3000\n: stowage events\n\n");
            out.flush();
            while (System.nanoTime() < end && !out.checkError() && (!viaSession || sessions.isLive(session))) {
                EventHub.Event event = queue.poll(15, TimeUnit.SECONDS);
                if (event == null) {
                    out.write(": keep-alive\n\n");
                } else {
                    out.write("event: " + event.name() + "\ndata: " + event.json() + "\n\n");
                }
                out.flush();
            }
        } finally {
            events.unsubscribe(queue);
        }
        return null;
    }
}
