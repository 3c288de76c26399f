package org.stowage.api.device.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** With a simulated clock: no sleeping, exact times. */
class TrafficMeterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TrafficMeter meter = new TrafficMeter(TrafficMeter.DEFAULT_TAU_NANOS, nanos::get);

    @Test
    void zeroBeforeAnyTraffic() {
        assertEquals(0.0, meter.bytesPerSecond());
    }

    @Test
    void steadyStreamReadsAsItsRate() {
        for (int i = 0; i < 600; i++) {
            nanos.addAndGet(100_000_000L);
            meter.record(1_000_000);
        }
        double rate = meter.bytesPerSecond();
        assertTrue(Math.abs(rate - 10_000_000) < 600_000, "10 MB/s stream reads as " + rate);
    }

    @Test
    void fadesWhenTrafficStops() {
        for (int i = 0; i < 100; i++) {
            nanos.addAndGet(100_000_000L);
            meter.record(1_000_000);
        }
        double busy = meter.bytesPerSecond();
        nanos.addAndGet(TrafficMeter.DEFAULT_TAU_NANOS);
        assertEquals(busy / Math.E, meter.bytesPerSecond(), busy * 1e-9);
        nanos.addAndGet(60_000_000_000L);
        assertTrue(meter.bytesPerSecond() < busy / 1000, "still " + meter.bytesPerSecond() + " after a minute");
    }
}
