package org.stowage.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins of one user name within {@link #WINDOW}, further
 * attempts for that name are refused (429) until the oldest failure leaves the window, without asking the realm. A
 * Basic-credentials request is a login, so scripts with a wrong password are throttled too. Thread-safe.
 */
final class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Names tracked at most, so that guessing many names cannot fill the heap. */
    private static final int MAX_NAMES = 10_000;

    private final ConcurrentMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** @throws ApiException 429 while {@code name} has too many recent failures */
    void check(String name) {
        Deque<Instant> recent = failures.get(key(name));
        if (recent == null) {
            return;
        }
        synchronized (recent) {
            prune(recent);
            if (recent.size() >= MAX_FAILURES) {
                long wait = Math.max(1, Duration.between(clock.instant(), recent.peekFirst().plus(WINDOW))
                        .toSeconds());
                throw new ApiException(429, "Too many failed logins for user '" + name + "'; try again in " + wait
                        + " s");
            }
        }
    }

    void failed(String name) {
        if (failures.size() >= MAX_NAMES) {
            failures.values().removeIf(d -> {
                synchronized (d) {
                    prune(d);
                    return d.isEmpty();
                }
            });
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(name), k -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(clock.instant());
            prune(recent);
        }
    }

    void succeeded(String name) {
        failures.remove(key(name));
    }

    private void prune(Deque<Instant> recent) {
        Instant limit = clock.instant().minus(WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(limit)) {
            recent.removeFirst();
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
