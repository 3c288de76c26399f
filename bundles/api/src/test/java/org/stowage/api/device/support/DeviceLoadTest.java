package org.stowage.api.device.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class DeviceLoadTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void inFlightAboveTheLimitIsBusyAndClosingEndsIt() {
        DeviceLoad load = new DeviceLoad(1, BusyWindows.NONE, clockAt("2026-01-01T12:00:00Z"));
        try (DeviceLoad.InFlight a = load.begin()) {
            assertEquals(Optional.empty(), load.busyReason(), "at the limit is not above it");
            try (DeviceLoad.InFlight b = load.begin()) {
                assertTrue(load.busyReason().orElseThrow().contains("2 operations in flight"));
            }
        }
        assertEquals(0, load.inFlight());
        assertEquals(Optional.empty(), load.busyReason());
    }

    @Test
    void operatorPeriodWinsUntilItEndsOrIsCleared() {
        DeviceLoad load = new DeviceLoad(2, BusyWindows.NONE, clockAt("2026-01-01T12:00:00Z"));
        load.setBusy("scrubbing", Instant.parse("2026-01-01T13:00:00Z"));
        assertTrue(load.busyReason().orElseThrow().startsWith("scrubbing (until 2026-01-01T13:00:00Z)"));
        load.setBusy("", Instant.parse("2026-01-01T11:00:00Z"));
        assertEquals(Optional.empty(), load.busyReason(), "a period in the past is over");
        load.setBusy(null, null);
        assertEquals(Optional.of("set busy by the operator"), load.busyReason());
        load.clearBusy();
        assertEquals(Optional.empty(), load.busyReason());
    }

    @Test
    void windowsApplyDailyAndMayRunOverMidnight() {
        BusyWindows windows = BusyWindows.parse("01:00-03:00, 23:30-00:30", UTC);
        assertTrue(windows.activeAt(Instant.parse("2026-03-05T02:59:59Z")).isPresent());
        assertTrue(windows.activeAt(Instant.parse("2026-03-05T03:00:00Z")).isEmpty(), "the end is exclusive");
        assertTrue(windows.activeAt(Instant.parse("2026-03-05T23:45:00Z")).orElseThrow().contains("23:30-00:30"));
        assertTrue(windows.activeAt(Instant.parse("2026-03-06T00:15:00Z")).isPresent());
        assertTrue(windows.activeAt(Instant.parse("2026-03-06T12:00:00Z")).isEmpty());

        DeviceLoad load = new DeviceLoad(2, windows, clockAt("2026-03-05T01:30:00Z"));
        assertTrue(load.busyReason().orElseThrow().startsWith("configured busy window 01:00-03:00"));
    }

    @Test
    void collapseComesAfterTheOtherRulesAndNeedsReportedTransfers() {
        AtomicLong nanos = new AtomicLong();
        DeviceLoad load = new DeviceLoad(3, BusyWindows.NONE, clockAt("2026-01-01T12:00:00Z"),
                new ThroughputCollapse(nanos::get));
        for (int i = 0; i < 8; i++) {
            transfer(load, nanos, 100_000_000L); // 160 MiB/s alone
        }
        try (DeviceLoad.InFlight a = load.begin(); DeviceLoad.InFlight b = load.begin()) {
            for (int i = 0; i < 8; i++) {
                transfer(load, nanos, 4_000_000_000L); // 12 MiB/s for the device with 3 in flight
            }
            assertTrue(load.busyReason().orElseThrow().startsWith("throughput collapsed under contention: "),
                    load.busyReason().toString());
            try (DeviceLoad.InFlight c = load.begin(); DeviceLoad.InFlight d = load.begin()) {
                assertTrue(load.busyReason().orElseThrow().contains("more than max.in.flight=3"));
            }
            load.setBusy("scrubbing", null);
            assertEquals(Optional.of("scrubbing"), load.busyReason());
            load.clearBusy();
            assertTrue(load.busyReason().orElseThrow().contains("with 2 operations in flight"));
        }
        assertEquals(Optional.empty(), load.busyReason());
        assertEquals(0, load.inFlight());
    }

    @Test
    void unreportedTransfersNeverCollapse() {
        AtomicLong nanos = new AtomicLong();
        DeviceLoad load = new DeviceLoad(4, BusyWindows.NONE, clockAt("2026-01-01T12:00:00Z"),
                new ThroughputCollapse(nanos::get));
        try (DeviceLoad.InFlight a = load.begin(); DeviceLoad.InFlight b = load.begin()) {
            nanos.addAndGet(3_600_000_000_000L);
            assertEquals(Optional.empty(), load.busyReason(), "a driver that reports nothing keeps the old rules");
        }
    }

    private static void transfer(DeviceLoad load, AtomicLong nanos, long durationNanos) {
        try (DeviceLoad.InFlight op = load.begin()) {
            nanos.addAndGet(durationNanos);
            op.transferred(16L << 20);
        }
    }

    @Test
    void badWindowIsNamedWithTheExpectedForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BusyWindows.parse("01:00-03:00,25:00-26:00", UTC));
        assertTrue(e.getMessage().contains("'25:00-26:00'") && e.getMessage().contains("HH:mm-HH:mm"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BusyWindows.parse("02:00", UTC));
        assertTrue(BusyWindows.parse(" ", UTC).isEmpty());
    }

    private static Clock clockAt(String instant) {
        return Clock.fixed(Instant.parse(instant), UTC);
    }
}
