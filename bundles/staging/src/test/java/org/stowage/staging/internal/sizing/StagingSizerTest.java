package org.stowage.staging.internal.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.AccessType;

class StagingSizerTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final StagingSizer SIZER = new StagingSizer(SizingPolicy.between(10 * GIB, 400 * GIB));

    private static DeviceDemand device(String id, AccessType access, long mibPerSecond, Duration busy) {
        return new DeviceDemand(id, access, 0, mibPerSecond * MIB, Optional.ofNullable(busy));
    }

    /** The worked example of docs/staging.md, figure for figure. */
    @Test
    void theWorkedExampleOfTheDocs() {
        StagingSize size = SIZER.size(List.of(
                device("tape1", AccessType.SEQUENTIAL, 150, Duration.ofMinutes(6)),
                device("flash1", AccessType.RANDOM, 800, Duration.ofSeconds(20)),
                device("nas1", AccessType.RANDOM, 200, Duration.ofMinutes(30))), 600 * GIB, 100 * GIB);

        assertEquals(150 * MIB * 600, size.devices().get(0).needBytes(), "tape: the 10 min streaming run wins");
        assertEquals(800 * MIB * 60, size.devices().get(1).needBytes(), "flash: the 1 min random minimum wins");
        assertEquals(200 * MIB * 1800, size.devices().get(2).needBytes(), "nas: its 30 min busy spell wins");
        assertEquals(350 * GIB, size.limitBytes(), "486.3 GiB, capped at 400 GiB, cut to half of 700 GiB");
        assertEquals("limit 350.0 GiB: devices need 486.3 GiB, capped at the maximum 400.0 GiB, cut to 350.0 GiB = "
                + "50 % of the staging volume's 600.0 GiB free + 100.0 GiB staged", size.why());
        assertEquals("sequential, 150.0 MiB/s × max(busy 6m (longest recently), streaming run 10m) = 87.9 GiB",
                size.devices().get(0).why());
    }

    @Test
    void aSequentialDeviceGetsMoreRoomThanARandomOneOfTheSameSpeed() {
        StagingSize size = SIZER.size(List.of(device("tape", AccessType.SEQUENTIAL, 100, null),
                device("disk", AccessType.RANDOM, 100, null)), 10_000 * GIB, 0);
        assertEquals(10 * size.devices().get(1).needBytes(), size.devices().get(0).needBytes());
        assertTrue(size.devices().get(1).why().contains("never seen busy"));
    }

    @Test
    void theMinimumCoversDevicesWithoutMeasuredTraffic() {
        StagingSize size = SIZER.size(List.of(device("new", AccessType.SEQUENTIAL, 0, null)), 1000 * GIB, 0);
        assertEquals(10 * GIB, size.limitBytes());
        assertTrue(size.why().contains("raised to the minimum"), size.why());
        assertTrue(size.devices().get(0).why().contains("no traffic measured yet"));
    }

    @Test
    void whatTheDriverAsksForIsAFloorUnderTheMeasuredNeed() {
        StagingSize size = SIZER.size(List.of(
                new DeviceDemand("disk-new", AccessType.RANDOM, 256 * MIB, 0, Optional.empty()),
                new DeviceDemand("disk-slow", AccessType.RANDOM, 256 * MIB, 2 * MIB, Optional.empty()),
                new DeviceDemand("disk-fast", AccessType.RANDOM, 256 * MIB, 100 * MIB, Optional.empty())),
                1000 * GIB, 0);
        assertEquals(256 * MIB, size.devices().get(0).needBytes(), "before any traffic: what the driver asks");
        assertEquals("random access, no traffic measured yet; its driver asks for 256.0 MiB",
                size.devices().get(0).why());
        assertEquals(256 * MIB, size.devices().get(1).needBytes(), "2 MiB/s × 1 min = 120 MiB < 256 MiB");
        assertTrue(size.devices().get(1).why().endsWith("= 120.0 MiB; its driver asks for 256.0 MiB, which wins"),
                size.devices().get(1).why());
        assertEquals(100 * MIB * 60, size.devices().get(2).needBytes(), "the measured need is larger");
    }

    @Test
    void aSmallVolumeWinsOverTheMinimum() {
        StagingSize size = SIZER.size(List.of(), 4 * GIB, 0);
        assertEquals(2 * GIB, size.limitBytes());
        assertTrue(size.why().contains("cut to 2.0 GiB"), size.why());
    }

    @Test
    void aFullVolumeStillGivesAPositiveLimit() {
        assertEquals(1, SIZER.size(List.of(), 0, 0).limitBytes());
    }

    @Test
    void aLongerBusySpellRaisesTheNeedInProportion() {
        long short_ = SIZER.size(List.of(device("d", AccessType.RANDOM, 100, Duration.ofMinutes(10))),
                10_000 * GIB, 0).devices().get(0).needBytes();
        long long_ = SIZER.size(List.of(device("d", AccessType.RANDOM, 100, Duration.ofMinutes(20))),
                10_000 * GIB, 0).devices().get(0).needBytes();
        assertEquals(2 * short_, long_);
    }
}
