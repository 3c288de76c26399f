package org.stowage.api.repository;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Which snapshots to keep: the last n, and the newest one of each of the last n hours, days, weeks (ISO), months
 * and years that have a snapshot. A snapshot kept by any rule is kept. A policy that keeps nothing is refused.
 * The text form is {@code last=3,daily=7,weekly=4} (keys: last, hourly, daily, weekly, monthly, yearly).
 */
public record RetentionPolicy(int last, int hourly, int daily, int weekly, int monthly, int yearly) {

    public RetentionPolicy {
        if (last < 0 || hourly < 0 || daily < 0 || weekly < 0 || monthly < 0 || yearly < 0) {
            throw new IllegalArgumentException("retention counts must not be negative");
        }
        if (last + hourly + daily + weekly + monthly + yearly == 0) {
            throw new IllegalArgumentException("a retention policy must keep something, e.g. last=1");
        }
    }

    /**
     * Parses {@code key=n[,key=n...]}.
     *
     * @throws IllegalArgumentException naming the offending part and the valid keys
     */
    public static RetentionPolicy parse(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String key : new String[] {"last", "hourly", "daily", "weekly", "monthly", "yearly"}) {
            counts.put(key, 0);
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty retention policy; write e.g. last=3,daily=7");
        }
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            String key = kv[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (kv.length != 2 || !counts.containsKey(key)) {
                throw new IllegalArgumentException("retention policy part '" + part.trim()
                        + "' is not valid; use key=n with keys " + counts.keySet());
            }
            try {
                counts.put(key, Integer.parseInt(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("retention policy part '" + part.trim()
                        + "' needs a whole number after '='", e);
            }
        }
        return new RetentionPolicy(counts.get("last"), counts.get("hourly"), counts.get("daily"),
                counts.get("weekly"), counts.get("monthly"), counts.get("yearly"));
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(",");
        append(text, "last", last);
        append(text, "hourly", hourly);
        append(text, "daily", daily);
        append(text, "weekly", weekly);
        append(text, "monthly", monthly);
        append(text, "yearly", yearly);
        return text.toString();
    }

    private static void append(StringJoiner text, String key, int count) {
        if (count > 0) {
            text.add(key + "=" + count);
        }
    }
}
