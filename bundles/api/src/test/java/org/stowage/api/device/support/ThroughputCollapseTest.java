package org.stowage.api.device.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** With a simulated nano clock: transfers take exactly the time the test says, nothing sleeps. */
class ThroughputCollapseTest {

    private static final long MIB = 1 << 20;
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(5 * SECOND);
    private final ThroughputCollapse collapse = new ThroughputCollapse(nanos::get);

    @Test
    void collapseUnderContentionIsReportedWithTheFigures() {
        learnHealthy(); // 160 MiB/s
        try (ThroughputCollapse.Operation a = collapse.begin(); ThroughputCollapse.Operation b = collapse.begin()) {
            transfer(16 * MIB, 4 * SECOND); // 4 MiB/s each with 3 in flight: 12 MiB/s for the device
            assertEquals(Optional.empty(), collapse.reason(), "one slow transfer is not a collapse");
            for (int i = 0; i < 5; i++) {
                transfer(16 * MIB, 4 * SECOND);
            }
            // recent = 12 + 148 * (3/4)^6, healthy = 12 + 148 * (63/64)^6
            assertEquals(Optional.of("throughput collapsed under contention: 38.3 MiB/s with 2 operations in "
                    + "flight (healthy 146.7 MiB/s)"), collapse.reason());
        }
        assertEquals(Optional.empty(), collapse.reason(), "nothing in flight: recovered");
    }

    @Test
    void fairSharingOfAHealthyDeviceIsNoCollapse() {
        learnHealthy();
        List<ThroughputCollapse.Operation> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(collapse.begin());
        }
        for (int i = 0; i < 20; i++) {
            transfer(16 * MIB, 400_000_000L); // 40 MiB/s each with 4 in flight: 160 MiB/s in all
        }
        assertEquals(Optional.empty(), collapse.reason());
        assertEquals(160 * MIB, collapse.recentBytesPerSecond(), MIB);
        others.forEach(ThroughputCollapse.Operation::close);
    }

    @Test
    void aSingleSlowStreamIsNoCollapseButASecondOperationFindsTheDeviceCollapsed() {
        learnHealthy();
        for (int i = 0; i < 10; i++) {
            transfer(16 * MIB, 2 * SECOND); // 8 MiB/s alone
        }
        try (ThroughputCollapse.Operation alone = collapse.begin()) {
            assertEquals(Optional.empty(), collapse.reason(), "one in flight: no contention to relieve");
            assertTrue(collapse.recentBytesPerSecond() < 0.3 * collapse.healthyBytesPerSecond());
            try (ThroughputCollapse.Operation second = collapse.begin()) {
                assertTrue(collapse.reason().orElseThrow().contains("with 2 operations in flight"));
            }
        }
    }

    @Test
    void recoversOnlyAboveTheHigherFraction() {
        learnHealthy();
        try (ThroughputCollapse.Operation a = collapse.begin(); ThroughputCollapse.Operation b = collapse.begin()) {
            for (int i = 0; i < 8; i++) {
                transfer(16 * MIB, 4 * SECOND);
            }
            assertTrue(collapse.reason().isPresent());
            for (int i = 0; i < 10; i++) {
                transfer(16 * MIB, 666_666_667L); // 24 MiB/s each, 72 MiB/s in all: above 30 %, below 60 %
            }
            double ratio = collapse.recentBytesPerSecond() / collapse.healthyBytesPerSecond();
            assertTrue(ratio > 0.3 && ratio < 0.6, "recent/healthy is " + ratio);
            assertTrue(collapse.reason().isPresent(), "between the fractions: still collapsed");
            for (int i = 0; i < 3; i++) {
                transfer(16 * MIB, 300_000_000L); // 53 MiB/s each, 160 MiB/s in all
            }
            assertEquals(Optional.empty(), collapse.reason(), "above 60 %: recovered");
        }
    }

    @Test
    void smallTransfersAndTheFirstSamplesDoNotCount() {
        for (int i = 0; i < 100; i++) {
            transfer(64 * 1024, SECOND / 1000);
        }
        assertEquals(0.0, collapse.healthyBytesPerSecond(), "blobs under 1 MiB were sampled");
        for (int i = 0; i < ThroughputCollapse.MIN_SAMPLES - 1; i++) {
            transfer(16 * MIB, i == 0 ? SECOND / 10 : 10 * SECOND);
        }
        try (ThroughputCollapse.Operation a = collapse.begin(); ThroughputCollapse.Operation b = collapse.begin()) {
            assertEquals(Optional.empty(), collapse.reason(), "judged before " + ThroughputCollapse.MIN_SAMPLES
                    + " samples");
        }
    }

    @Test
    void aTransferIsReportedOnceAndBeforeClose() {
        ThroughputCollapse.Operation op = collapse.begin();
        op.transferred(MIB);
        assertThrows(IllegalStateException.class, () -> op.transferred(MIB));
        op.close();
        op.close(); // again: nothing
        assertThrows(IllegalStateException.class, () -> op.transferred(MIB), "reported after close");
    }

    @Test
    void fractionsMustLeaveAGap() {
        assertThrows(IllegalArgumentException.class, () -> new ThroughputCollapse(MIB, 0.6, 0.6, nanos::get));
        assertThrows(IllegalArgumentException.class, () -> new ThroughputCollapse(MIB, 0.3, 1.5, nanos::get));
        assertThrows(IllegalArgumentException.class, () -> new ThroughputCollapse(0, 0.3, 0.6, nanos::get));
    }

    /** Eight transfers alone at 160 MiB/s. */
    private void learnHealthy() {
        for (int i = 0; i < ThroughputCollapse.MIN_SAMPLES; i++) {
            transfer(16 * MIB, 100_000_000L);
        }
    }

    private void transfer(long bytes, long durationNanos) {
        try (ThroughputCollapse.Operation op = collapse.begin()) {
            nanos.addAndGet(durationNanos);
            op.transferred(bytes);
        }
    }
}
