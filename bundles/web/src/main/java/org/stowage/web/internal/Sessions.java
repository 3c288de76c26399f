package org.stowage.web.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The console's login sessions, in memory (a restart logs everybody out). A session is found by a random 256-bit id
 * (the HttpOnly cookie) and carries a second random token that state-changing requests must echo in a header
 * (CSRF): a page of another site can make the browser send the cookie, but cannot read the token. Sessions end after
 * {@code idle} without a request. Thread-safe.
 */
final class Sessions {

    static final String COOKIE = "STOWAGE_SESSION";
    static final String CSRF_HEADER = "X-Stowage-CSRF";
    /** More live sessions than this and the oldest-used ones are dropped, so that logins cannot fill the heap. */
    private static final int MAX_SESSIONS = 1000;

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;

    Sessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    /** One logged-in user. {@code lastSeen} moves with every request. */
    static final class Session {
        final String id;
        final User user;
        final String csrfToken;
        volatile Instant lastSeen;

        Session(String id, User user, String csrfToken, Instant lastSeen) {
            this.id = id;
            this.user = user;
            this.csrfToken = csrfToken;
            this.lastSeen = lastSeen;
        }
    }

    Session create(User user) {
        expire();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min((a, b) -> a.lastSeen.compareTo(b.lastSeen))
                    .ifPresent(oldest -> sessions.remove(oldest.id));
        }
        Session session = new Session(token(), user, token(), clock.instant());
        sessions.put(session.id, session);
        return session;
    }

    /** The live session with this id, touched; empty when unknown or idle too long. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        Instant now = clock.instant();
        if (session == null) {
            return Optional.empty();
        }
        if (session.lastSeen.plus(idle).isBefore(now)) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    /** Whether the session is live, without counting this as use (an open event stream is not activity). */
    boolean isLive(String id) {
        Session session = id == null ? null : sessions.get(id);
        return session != null && !session.lastSeen.plus(idle).isBefore(clock.instant());
    }

    void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    Duration idle() {
        return idle;
    }

    private void expire() {
        Instant limit = clock.instant().minus(idle);
        sessions.values().removeIf(s -> s.lastSeen.isBefore(limit));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
