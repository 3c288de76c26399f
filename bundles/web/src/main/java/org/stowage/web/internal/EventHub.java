package org.stowage.web.internal;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Fans events (task progress, device state changes) out to the Server-Sent-Event streams of connected consoles. Each
 * subscriber has a bounded queue; a subscriber that does not keep up loses events (the console reloads state on
 * reconnect) rather than slowing a backup down. Thread-safe; {@link #publish} never blocks.
 */
final class EventHub {

    /** One event: its SSE name and its JSON data. */
    record Event(String name, String json) {
    }

    private final Set<BlockingQueue<Event>> subscribers = new CopyOnWriteArraySet<>();

    BlockingQueue<Event> subscribe() {
        BlockingQueue<Event> queue = new ArrayBlockingQueue<>(256);
        subscribers.add(queue);
        return queue;
    }

    void unsubscribe(BlockingQueue<Event> queue) {
        subscribers.remove(queue);
    }

    void publish(String name, Object data) {
        if (subscribers.isEmpty()) {
            return;
        }
        Event event = new Event(name, Json.text(data));
        for (BlockingQueue<Event> queue : subscribers) {
            queue.offer(event);
        }
    }

    int subscribers() {
        return subscribers.size();
    }
}
