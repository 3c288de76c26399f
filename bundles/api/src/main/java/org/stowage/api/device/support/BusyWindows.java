package org.stowage.api.device.support;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Daily periods in which a device is busy by configuration, e.g. {@code 01:00-03:00,22:30-23:00} for a NAS that
 * another system uses at night. A window whose end is before its start runs over midnight ({@code 23:00-01:00}).
 * Immutable.
 */
public final class BusyWindows {

    /** No windows. */
    public static final BusyWindows NONE = new BusyWindows(List.of(), ZoneId.systemDefault());

    private record Window(LocalTime start, LocalTime end) {
        boolean contains(LocalTime time) {
            return start.isBefore(end)
                    ? !time.isBefore(start) && time.isBefore(end)
                    : !time.isBefore(start) || time.isBefore(end);
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    private final List<Window> windows;
    private final ZoneId zone;

    private BusyWindows(List<Window> windows, ZoneId zone) {
        this.windows = List.copyOf(windows);
        this.zone = zone;
    }

    /**
     * Parses {@code HH:mm-HH:mm[,HH:mm-HH:mm...]} (blank for none), in {@code zone}.
     *
     * @throws IllegalArgumentException naming the window that is not valid and the expected form
     */
    public static BusyWindows parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return new BusyWindows(List.of(), zone);
        }
        List<Window> windows = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] ends = part.trim().split("-");
            try {
                if (ends.length != 2) {
                    throw new DateTimeParseException("missing '-'", part, 0);
                }
                LocalTime start = LocalTime.parse(ends[0].trim());
                LocalTime end = LocalTime.parse(ends[1].trim());
                if (start.equals(end)) {
                    throw new DateTimeParseException("start equals end", part, 0);
                }
                windows.add(new Window(start, end));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("busy window '" + part.trim() + "' is not valid: write "
                        + "HH:mm-HH:mm, several separated by commas, e.g. 01:00-03:00,22:30-23:00", e);
            }
        }
        return new BusyWindows(windows, zone);
    }

    /** The window that contains {@code now}, described for operators, or empty. */
    public Optional<String> activeAt(Instant now) {
        LocalTime time = now.atZone(zone).toLocalTime();
        return windows.stream().filter(w -> w.contains(time)).findFirst()
                .map(w -> "configured busy window " + w + " (" + zone + ")");
    }

    public boolean isEmpty() {
        return windows.isEmpty();
    }

    @Override
    public String toString() {
        return windows.toString();
    }
}
