package org.stowage.shell.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Instants for people, in the server's time zone (JSON output keeps ISO-8601 UTC). */
final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Times() {
    }

    static String format(Instant instant) {
        return format(instant, ZoneId.systemDefault());
    }

    static String format(Instant instant, ZoneId zone) {
        return instant == null ? "" : FORMAT.format(instant.atZone(zone));
    }
}
