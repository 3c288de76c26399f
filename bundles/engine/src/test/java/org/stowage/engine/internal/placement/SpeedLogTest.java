package org.stowage.engine.internal.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * A device's speed is what it moves while busy: transfers that overlap do not each count the time they waited for
 * one another. A clock of our own stands for the end of each transfer.
 */
class SpeedLogTest {

    private static final long MIB = 1 << 20;
    private static final long MS = 1_000_000;
    /** 16 MiB in 100 ms: 160 MiB/s. */
    private static final long PACK = 16 * MIB;
    private static final double SPEED = PACK * 1e9 / (100 * MS);

    private final AtomicLong now = new AtomicLong(1_000_000 * MS);
    private final SpeedLog log = new SpeedLog(now::get);

    /** Records a transfer of {@code bytes} that started at {@code startMs} and ends now, at {@code endMs}. */
    private void transfer(String device, long bytes, long startMs, long endMs) {
        now.set(1_000_000 * MS + endMs * MS);
        log.record(device, bytes, (endMs - startMs) * MS);
    }

    @Test
    void transfersOneAfterTheOtherKeepTheirOwnSpeed() {
        transfer("d", PACK, 0, 100);
        transfer("d", PACK, 150, 350); // half as fast
        transfer("d", PACK, 350, 450);
        assertSpeeds(List.of(SPEED, SPEED / 2, SPEED), log.recent("d"));
    }

    @Test
    void packsThatQueueForTheDeviceAreEachCreditedTheirOwnTurn() {
        // four uploaders hand the device a pack each at 0 ms; it takes them in turn, 100 ms each
        transfer("d", PACK, 0, 100);
        transfer("d", PACK, 0, 200);
        transfer("d", PACK, 0, 300);
        transfer("d", PACK, 0, 400);
        // each uploader hands it the next pack when its own returned: the queue stays four deep
        transfer("d", PACK, 100, 500);
        transfer("d", PACK, 200, 600);
        assertSpeeds(List.of(SPEED, SPEED, SPEED, SPEED, SPEED, SPEED), log.recent("d"));
    }

    @Test
    void packsThatShareTheDeviceAreEachCreditedTheirShare() {
        // two transfers share the device from 0 ms and end together: each took 200 ms for what alone takes 100
        transfer("d", PACK, 0, 200);
        transfer("d", PACK, 0, 200);
        // the first to be recorded can only be credited its whole duration; the second its half of it, not nothing
        assertSpeeds(List.of(SPEED / 2, SPEED), log.recent("d"));
        // staggered, as uploaders are once running: each shares the device with one other the whole time
        transfer("d", PACK, 100, 300);
        transfer("d", PACK, 200, 400);
        transfer("d", PACK, 300, 500);
        assertSpeeds(List.of(SPEED / 2, SPEED, SPEED, SPEED, SPEED), log.recent("d"));
    }

    @Test
    void devicesAreMeasuredApart() {
        transfer("a", PACK, 0, 100);
        transfer("b", PACK, 0, 400);
        transfer("a", PACK, 100, 200);
        assertSpeeds(List.of(SPEED, SPEED), log.recent("a"));
        assertSpeeds(List.of(SPEED / 4), log.recent("b"));
        assertEquals(List.of(), log.recent("c"));
    }

    @Test
    void smallTransfersAreIgnoredAndOnlyTheNewestAreKept() {
        transfer("d", 1024, 0, 1);
        assertEquals(List.of(), log.recent("d"));
        for (int i = 0; i < SpeedLog.KEPT + 10; i++) {
            transfer("d", PACK, i * 1000L, i * 1000L + 100 + i);
        }
        List<Double> recent = log.recent("d");
        assertEquals(SpeedLog.KEPT, recent.size());
        assertEquals(PACK * 1e9 / ((100 + SpeedLog.KEPT + 9) * MS), recent.get(recent.size() - 1), 1e-6);
    }

    private static void assertSpeeds(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size(), actual.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(Math.abs(expected.get(i) - actual.get(i)) < 1e-6 * expected.get(i),
                    "sample " + i + ": expected " + expected + ", was " + actual);
        }
    }
}
