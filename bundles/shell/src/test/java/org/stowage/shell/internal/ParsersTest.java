package org.stowage.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

/** --until and --size as operators type them. */
class ParsersTest {

    /** 10:00 local time in Berlin (UTC+1 in winter). */
    private static final Clock BERLIN = Clock.fixed(Instant.parse("2026-01-15T09:00:00Z"), ZoneId.of("Europe/Berlin"));

    @Test
    void untilAcceptsInstantsDurationsAndTimesOfDay() throws Exception {
        assertNull(BusyUntil.parse(null, BERLIN));
        assertEquals(Instant.parse("2026-02-01T06:00:00Z"), BusyUntil.parse("2026-02-01T06:00:00Z", BERLIN));
        assertEquals(Instant.parse("2026-01-15T11:00:00Z"), BusyUntil.parse("2h", BERLIN));
        assertEquals(Instant.parse("2026-01-15T10:30:00Z"), BusyUntil.parse("1h30m", BERLIN));
        assertEquals(Instant.parse("2026-01-16T09:00:45Z"), BusyUntil.parse("1d45s", BERLIN));
        assertEquals(Instant.parse("2026-01-15T11:30:00Z"), BusyUntil.parse("12:30", BERLIN), "later today");
        assertEquals(Instant.parse("2026-01-16T05:00:00Z"), BusyUntil.parse("06:00", BERLIN), "passed: tomorrow");
        assertEquals(Instant.parse("2026-01-16T11:30:00Z"), BusyUntil.parse("12:30 tomorrow", BERLIN));
        assertEquals(Instant.parse("2026-01-15T11:30:00Z"), BusyUntil.parse("12:30 today", BERLIN));
    }

    @Test
    void untilRefusesWhatItCannotRead() {
        for (String bad : new String[] {"", "2 hours", "25:00", "tomorrow", "2026-02-01"}) {
            CommandException e = assertThrows(CommandException.class, () -> BusyUntil.parse(bad, BERLIN), bad);
            assertTrue(e.getMessage().startsWith("--until '" + bad + "' is not valid"), e.getMessage());
        }
        CommandException passed = assertThrows(CommandException.class, () -> BusyUntil.parse("06:00 today", BERLIN));
        assertTrue(passed.getMessage().contains("06:00 today has passed; write '06:00 tomorrow'"), passed.getMessage());
    }

    @Test
    void sizesUseBinaryUnitsWithinBounds() throws Exception {
        assertEquals(4096, Sizes.parse("--size", "4096", 1L << 30));
        assertEquals(64 << 10, Sizes.parse("--size", "64k", 1L << 30));
        assertEquals(8 << 20, Sizes.parse("--size", "8M", 1L << 30));
        assertEquals(8 << 20, Sizes.parse("--size", "8MiB", 1L << 30));
        assertEquals(1 << 30, Sizes.parse("--size", "1g", 1L << 30));
        assertTrue(assertThrows(CommandException.class, () -> Sizes.parse("--size", "2g", 1L << 30)).getMessage()
                .contains("between 1 byte and 1.0 GiB"));
        assertThrows(CommandException.class, () -> Sizes.parse("--size", "0", 1L << 30));
        assertThrows(CommandException.class, () -> Sizes.parse("--size", "99999999999999999999", 1L << 30));
        assertThrows(CommandException.class, () -> Sizes.parse("--size", "8mb", 1L << 30)); // decimal to many
        assertTrue(assertThrows(CommandException.class, () -> Sizes.parse("--size", "8 mb!", 1L << 30)).getMessage()
                .startsWith("--size '8 mb!' is not a size"));
    }
}
