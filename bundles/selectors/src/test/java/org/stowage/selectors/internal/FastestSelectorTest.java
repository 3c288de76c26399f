package org.stowage.selectors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stowage.selectors.internal.TestDevice.MIB;
import static org.stowage.selectors.internal.TestDevice.all;
import static org.stowage.selectors.internal.TestDevice.disk;
import static org.stowage.selectors.internal.TestDevice.flash;
import static org.stowage.selectors.internal.TestDevice.object;
import static org.stowage.selectors.internal.TestDevice.tape;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.stowage.api.selector.NodeSelector;
import org.stowage.api.selector.NodeSelector.Candidate;
import org.stowage.api.selector.NodeSelector.PlacementRequest;

class FastestSelectorTest extends NodeSelectorContractTest {

    private static final PlacementRequest ONE = new PlacementRequest("s", 16 * MIB, 1);

    @Override
    protected NodeSelector newSelector() {
        return new FastestSelector(new Config(Ranking.DEFAULT_WINDOW));
    }

    @Test
    void theBestMovingAverageFirstTheOthersByAverage() {
        assertOrder(List.of("c", "b", "a"), all(disk("a").speeds(100), disk("b").speeds(200), flash("c").speeds(300)));
        // the average counts, not the last measurement
        assertOrder(List.of("a", "b"), all(disk("a").speeds(300, 300, 300, 60), disk("b").speeds(100, 100, 250)));
        // identical averages: the larger weight, then the id
        assertOrder(List.of("b", "a", "c"), all(disk("a").speeds(100), flash("b").speeds(100).weight(4),
                disk("c").speeds(100)));
        // the driver's traffic counts as measured until the first pack or probe is
        assertOrder(List.of("b", "a"), all(disk("a").speeds(100), object("b").traffic(150)));
    }

    @Test
    void theAverageCoversTheLastNSpeedsOnly() {
        List<Candidate> devices = all(disk("a").speeds(1000, 1000, 10, 10, 10, 10, 10), disk("b").speeds(50));
        assertEquals(List.of("b", "a"), new FastestSelector(5).select(ONE, devices), "a's average of 5 is 10 MB/s");
        assertEquals(List.of("a", "b"), new FastestSelector(7).select(ONE, devices), "a's average of 7 is 293 MB/s");
        assertEquals(List.of("b", "a"), new FastestSelector(1).select(ONE, devices), "a's last speed is 10 MB/s");
    }

    @Test
    void everyCallFollowsTheLatestMeasurements() {
        NodeSelector selector = newSelector();
        assertEquals("a", selector.select(ONE, all(disk("a").speeds(200, 200), disk("b").speeds(100, 100))).get(0));
        assertEquals("b", selector.select(ONE, all(disk("a").speeds(200, 200, 10, 10, 10),
                disk("b").speeds(100, 100))).get(0));
        assertEquals("a", selector.select(ONE, all(disk("a").speeds(200, 10, 10, 10, 500),
                disk("b").speeds(100, 100))).get(0));
    }

    @Test
    void idleDevicesComeBeforeBusyOnes() {
        assertOrder(List.of("slow", "fast"), all(flash("fast").speeds(900).busy(), disk("slow").speeds(20)));
        assertOrder(List.of("d", "c", "b", "a"), all(disk("a").speeds(400).busy(), disk("b").speeds(500).busy(),
                disk("c").speeds(5), disk("d").speeds(6)));
    }

    @Test
    void anUnmeasuredDeviceIsTriedOnceThenRanksAfterTheMeasuredOnes() {
        NodeSelector selector = newSelector();
        List<Candidate> devices = all(disk("a").speeds(100), disk("b").speeds(200), disk("new"));
        assertEquals(List.of("new", "b", "a"), selector.select(ONE, devices), "first call: the trial");
        assertEquals(List.of("b", "a", "new"), selector.select(ONE, devices), "no second trial");
        assertEquals(List.of("b", "a", "new"), selector.select(ONE, devices));
        List<Candidate> measured = all(disk("a").speeds(100), disk("b").speeds(200), disk("new").speeds(300));
        assertEquals(List.of("new", "b", "a"), selector.select(ONE, measured), "measured: ranked by its speed");
        List<Candidate> slow = all(disk("a").speeds(100), disk("b").speeds(200),
                disk("new").speeds(300, 10, 10, 10, 10));
        assertEquals(List.of("b", "a", "new"), selector.select(ONE, slow));
    }

    @Test
    void eachUnmeasuredDeviceGetsItsOwnTrialLargerWeightFirst() {
        NodeSelector selector = newSelector();
        List<Candidate> devices = all(disk("a").speeds(100), disk("u1"), flash("u2").weight(4));
        assertEquals(List.of("u2", "a", "u1"), selector.select(ONE, devices));
        assertEquals(List.of("u1", "a", "u2"), selector.select(ONE, devices));
        assertEquals(List.of("a", "u2", "u1"), selector.select(ONE, devices));
    }

    @Test
    void aBusyUnmeasuredDeviceWaitsForItsTrialUntilIdle() {
        NodeSelector selector = newSelector();
        assertOrder(selector, List.of("a", "b", "u"), all(disk("a").speeds(100), disk("b").speeds(300).busy(),
                disk("u").busy()));
        assertOrder(selector, List.of("u", "a", "b"), all(disk("a").speeds(100), disk("b").speeds(300).busy(),
                disk("u")));
    }

    @Test
    void aDeviceThatComesBackUnmeasuredIsTriedAgain() {
        NodeSelector selector = newSelector();
        List<Candidate> devices = all(disk("a").speeds(100), tape("u"));
        assertEquals(List.of("u", "a"), selector.select(ONE, devices));
        assertEquals(List.of("a", "u"), selector.select(ONE, devices));
        selector.select(ONE, all(disk("a").speeds(100)));
        assertEquals(List.of("u", "a"), selector.select(ONE, devices), "removed and added again: a new trial");
    }

    @Test
    void ofConcurrentCallsExactlyOneTriesANewDevice() throws Exception {
        NodeSelector selector = newSelector();
        List<Candidate> devices = all(disk("a").speeds(100), disk("b").speeds(200), disk("new"));
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> firsts = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                firsts.add(pool.submit(() -> {
                    start.await();
                    return selector.select(ONE, devices).get(0);
                }));
            }
            start.countDown();
            int trials = 0;
            for (Future<String> first : firsts) {
                trials += first.get().equals("new") ? 1 : 0;
            }
            assertEquals(1, trials);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void configuredWindowIsUsedAndMustBeAtLeastOne() {
        List<Candidate> devices = all(disk("a").speeds(1000, 1000, 10, 10, 10, 10, 10), disk("b").speeds(50));
        assertEquals(List.of("a", "b"), new FastestSelector(new Config(7)).select(ONE, devices));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FastestSelector(new Config(0)));
        assertEquals("org.stowage.selector.fastest: key 'window' is 0; use 1 or more (the number of recent "
                + "measured speeds to average)", e.getMessage());
        assertEquals(List.of("a", "b"), FastestSelector.withWindow(7).select(ONE, devices), "the factory's window");
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
                () -> FastestSelector.withWindow(0)).getMessage());
    }

    @Test
    void aDeviceLeftAloneForRevisitPacksGetsOneAndCountsFromThenOn() {
        NodeSelector selector = new FastestSelector(5, 4);
        List<Candidate> before = all(disk("a").speeds(100, 100, 100, 100, 100), disk("b").speeds(50, 50, 50, 50, 50));
        List<String> firsts = new ArrayList<>();
        for (int pack = 1; pack <= 6; pack++) {
            firsts.add(selector.select(ONE, before).get(0));
        }
        // b appeared with the first pack; after four more without one, the next (the sixth) revisits it
        assertEquals(List.of("a", "a", "a", "a", "a", "b"), firsts);
        assertEquals(List.of("a", "b"), selector.select(ONE, before), "no new measurement of b yet: its old one");
        // b's revisit measured 200 MB/s: its speeds before the revisit no longer count (their average of 5 is 80)
        List<Candidate> after = all(disk("a").speeds(100, 100, 100, 100, 100),
                disk("b").speeds(50, 50, 50, 50, 50, 200));
        assertEquals(List.of("b", "a"), selector.select(ONE, after));
        // a revisit that measured it slow, as before: it ranks by that
        NodeSelector other = new FastestSelector(5, 4);
        for (int pack = 1; pack <= 6; pack++) {
            other.select(ONE, before);
        }
        assertEquals(List.of("a", "b"), other.select(ONE, all(disk("a").speeds(100, 100, 100, 100, 100),
                disk("b").speeds(50, 50, 50, 50, 50, 40))));
    }

    @Test
    void oneRevisitEveryRevisitPacksTheLongestLeftAloneFirst() {
        NodeSelector selector = new FastestSelector(5, 3);
        List<Candidate> devices = all(disk("a").speeds(300), disk("b").speeds(100), disk("c").speeds(200));
        StringBuilder firsts = new StringBuilder();
        for (int pack = 1; pack <= 16; pack++) {
            firsts.append(selector.select(ONE, devices).get(0));
        }
        // b and c appeared together: b first by id, then c; each three packs apart at least
        assertEquals("aaaabaacaabaacaa", firsts.toString());
    }

    @Test
    void busyDevicesAreNotRevisitedAndZeroTurnsRevisitsOff() {
        NodeSelector selector = new FastestSelector(5, 2);
        List<Candidate> busy = all(disk("a").speeds(100), disk("b").speeds(50).busy());
        for (int pack = 1; pack <= 10; pack++) {
            assertEquals("a", selector.select(ONE, busy).get(0));
        }
        assertEquals("b", selector.select(ONE, all(disk("a").speeds(100), disk("b").speeds(50))).get(0),
                "idle again: revisited at once");
        NodeSelector never = new FastestSelector(new Config(5, 0));
        for (int pack = 1; pack <= 100; pack++) {
            assertEquals("a", never.select(ONE, all(disk("a").speeds(100), disk("b").speeds(50))).get(0));
        }
    }

    @Test
    void theSecondCopyCountsAsAPackForTheDevice() {
        NodeSelector selector = new FastestSelector(5, 2);
        PlacementRequest two = new PlacementRequest("s", 16 * MIB, 2);
        List<Candidate> devices = all(disk("a").speeds(300), disk("b").speeds(200), disk("c").speeds(100));
        StringBuilder firsts = new StringBuilder();
        for (int pack = 1; pack <= 8; pack++) {
            firsts.append(String.join("", selector.select(two, devices).subList(0, 2))).append(' ');
        }
        // b holds every second copy, so only c is ever revisited
        assertEquals("ab ab ab ca ab ab ca ab ", firsts.toString());
    }

    @Test
    void newSamplesAreTheEndingOfTheLogThatFollowsWhatWasThere() {
        assertEquals(List.of(), Revisits.newSince(List.of(1.0, 2.0), List.of(1.0, 2.0)));
        assertEquals(List.of(3.0), Revisits.newSince(List.of(1.0, 2.0), List.of(1.0, 2.0, 3.0)));
        assertEquals(List.of(4.0, 5.0), Revisits.newSince(List.of(1.0, 2.0, 3.0), List.of(2.0, 3.0, 4.0, 5.0)),
                "the log dropped its oldest");
        assertEquals(List.of(7.0, 8.0), Revisits.newSince(List.of(1.0, 2.0), List.of(7.0, 8.0)), "all new");
        assertEquals(List.of(9.0), Revisits.newSince(List.of(), List.of(9.0)));
    }

    @Test
    void revisitMustNotBeNegative() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FastestSelector(new Config(5, -1)));
        assertEquals("org.stowage.selector.fastest: key 'revisit' is -1; use 0 (never) or more (the packs between "
                + "two revisits of a device that received none for that long)", e.getMessage());
    }

    private void assertOrder(List<String> expected, List<Candidate> devices) {
        assertOrder(newSelector(), expected, devices);
    }

    private static void assertOrder(NodeSelector selector, List<String> expected, List<Candidate> devices) {
        assertEquals(expected, selector.select(ONE, devices));
    }

    private record Config(int window, int revisit) implements FastestSelectorConfig {
        Config(int window) {
            this(window, FastestSelector.DEFAULT_REVISIT);
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return FastestSelectorConfig.class;
        }
    }
}
