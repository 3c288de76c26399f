package org.stowage.shell.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.karaf.shell.support.CommandException;

/**
 * Parses the end of an operator's busy period: an ISO instant ({@code 2026-03-01T06:00:00Z}), a time of day in the
 * server's zone ({@code 06:00}: today if still ahead, else tomorrow; {@code 06:00 today} or {@code 06:00 tomorrow}
 * to be explicit), or a duration from now ({@code 2h}, {@code 90m}, {@code 1h30m}, {@code 1d}, {@code 45s}).
 */
final class BusyUntil {

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{1,2}:\\d{2})(?:\\s+(today|tomorrow))?");

    private BusyUntil() {
    }

    /** The instant {@code text} means at {@code clock}'s now, in {@code clock}'s zone; null text means no end. */
    static Instant parse(String text, Clock clock) throws CommandException {
        if (text == null) {
            return null;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher time = TIME_OF_DAY.matcher(value);
        if (time.matches()) {
            return timeOfDay(text, time.group(1), time.group(2), clock);
        }
        Matcher duration = DURATION.matcher(value);
        if (!value.isEmpty() && duration.matches()) {
            Duration d = Duration.ofDays(number(duration.group(1))).plusHours(number(duration.group(2)))
                    .plusMinutes(number(duration.group(3))).plusSeconds(number(duration.group(4)));
            return clock.instant().plus(d);
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw invalid(text, "");
        }
    }

    private static Instant timeOfDay(String text, String hhmm, String day, Clock clock) throws CommandException {
        LocalTime time;
        try {
            time = LocalTime.parse(hhmm.length() == 4 ? "0" + hhmm : hhmm);
        } catch (DateTimeParseException e) {
            throw invalid(text, "");
        }
        ZonedDateTime now = ZonedDateTime.now(clock);
        ZonedDateTime today = now.with(time).withSecond(0).withNano(0);
        if ("tomorrow".equals(day) || (day == null && !today.isAfter(now))) {
            return today.plusDays(1).toInstant();
        }
        if (!today.isAfter(now)) {
            throw invalid(text, " (" + hhmm + " today has passed; write '" + hhmm + " tomorrow')");
        }
        return today.toInstant();
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static CommandException invalid(String text, String why) {
        return new CommandException("--until '" + text + "' is not valid" + why + ": write an ISO instant "
                + "(2026-03-01T06:00:00Z), a time of day (06:00, 06:00 today, 06:00 tomorrow) or a duration "
                + "(2h, 90m, 1h30m, 1d)");
    }
}
