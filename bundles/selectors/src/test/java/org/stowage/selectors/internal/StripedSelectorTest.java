package org.stowage.selectors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.selectors.internal.TestDevice.MB_S;
import static org.stowage.selectors.internal.TestDevice.MIB;
import static org.stowage.selectors.internal.TestDevice.all;
import static org.stowage.selectors.internal.TestDevice.disk;
import static org.stowage.selectors.internal.TestDevice.flash;
import static org.stowage.selectors.internal.TestDevice.tape;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.stowage.api.selector.NodeSelector;
import org.stowage.api.selector.NodeSelector.Candidate;
import org.stowage.api.selector.NodeSelector.PlacementRequest;

class StripedSelectorTest extends NodeSelectorContractTest {

    private static final long PACK = 16 * MIB;

    @Override
    protected NodeSelector newSelector() {
        return new StripedSelector(new Config(Ranking.DEFAULT_WINDOW));
    }

    @Test
    void packsGoInProportionToMeasuredSpeed() {
        List<Candidate> devices = all(disk("a").speeds(100), disk("b").speeds(200), flash("c").speeds(300));
        assertEquals(Map.of("a", 1000L, "b", 2000L, "c", 3000L), firstChoices(newSelector(), devices, 6000, PACK));
    }

    @Test
    void packsOfAnySizeLetEveryDeviceFinishTogether() {
        List<Candidate> devices = all(disk("a").speeds(50), disk("b").speeds(120), flash("c").speeds(400));
        Map<String, Double> speeds = Map.of("a", 50 * MB_S, "b", 120 * MB_S, "c", 400 * MB_S);
        NodeSelector selector = newSelector();
        Random random = new Random(7);
        Map<String, Long> bytes = new HashMap<>();
        long total = 0;
        for (int pack = 0; pack < 20_000; pack++) {
            long size = (1 + random.nextInt(16)) * MIB;
            bytes.merge(selector.select(new PlacementRequest("s", size, 1), devices).get(0), size, Long::sum);
            total += size;
        }
        double sumOfSpeeds = speeds.values().stream().mapToDouble(Double::doubleValue).sum();
        double slowestFinish = 0;
        for (String id : speeds.keySet()) {
            double share = total * speeds.get(id) / sumOfSpeeds;
            assertEquals(share, bytes.get(id), 3 * 16 * MIB, "bytes of " + id + ": " + bytes);
            slowestFinish = Math.max(slowestFinish, bytes.get(id) / speeds.get(id));
        }
        // the backup runs at the sum of the speeds (round-robin would run at 3 x 50 MB/s here)
        assertEquals(sumOfSpeeds, total / slowestFinish, sumOfSpeeds * 0.001);
    }

    @Test
    void weightsShareThePacksWhileNothingIsMeasured() {
        List<Candidate> devices = all(disk("a").weight(1), flash("b").weight(4));
        assertEquals(Map.of("a", 100L, "b", 400L), firstChoices(newSelector(), devices, 500, PACK));
    }

    @Test
    void weightDoesNotMultiplyAMeasuredSpeed() {
        List<Candidate> devices = all(disk("a").weight(1).speeds(100), flash("b").weight(4).speeds(100));
        assertEquals(Map.of("a", 250L, "b", 250L), firstChoices(newSelector(), devices, 500, PACK));
    }

    @Test
    void ratesTable() {
        // measured speed wins; traffic stands in before the first measurement; an unmeasured device is rated at
        // its weight times the measured bytes per second per unit of weight; with nothing measured, the weights
        assertRates(Map.of("a", 100.0, "b", 300.0), all(disk("a").speeds(100), disk("b").speeds(300)));
        assertRates(Map.of("a", 100.0, "b", 300.0), all(disk("a").speeds(100), disk("b").traffic(300)));
        assertRates(Map.of("a", 100.0, "b", 300.0), all(disk("a").speeds(100), disk("b").weight(3)));
        assertRates(Map.of("a", 100.0, "b", 200.0, "c", 75.0),
                all(disk("a").speeds(100).weight(2), disk("b").speeds(200).weight(2), disk("c").weight(1)));
        assertEquals(Map.of("a", 1.0, "b", 4.0), StripedSelector.rates(all(disk("a"), flash("b").weight(4)), 5));
        assertRates(Map.of("a", 100.0, "b", 100.0), all(disk("a").speeds(100), disk("b").speeds(1000, 100, 100)),
                2);
        assertRates(Map.of("a", 100.0, "b", 400.0), all(disk("a").speeds(100), disk("b").speeds(1000, 100, 100)),
                3);
    }

    @Test
    void proportionsFollowSpeedChanges() {
        NodeSelector selector = newSelector();
        assertEquals(Map.of("a", 300L, "b", 300L),
                firstChoices(selector, all(disk("a").speeds(100), disk("b").speeds(100)), 600, PACK));
        assertEquals(Map.of("a", 100L, "b", 300L),
                firstChoices(selector, all(disk("a").speeds(100), disk("b").speeds(300)), 400, PACK));
    }

    @Test
    void aDeviceThatJoinsStartsLevelWithTheOthers() {
        NodeSelector selector = newSelector();
        firstChoices(selector, all(disk("a").speeds(100), disk("b").speeds(100)), 101, PACK);
        List<Candidate> three = all(disk("a").speeds(100), disk("b").speeds(100), disk("c").speeds(100));
        for (int round = 0; round < 100; round++) {
            assertEquals(Map.of("a", 1L, "b", 1L, "c", 1L), firstChoices(selector, three, 3, PACK),
                    "round " + round + ": each device once in every three packs");
        }
    }

    @Test
    void aDeviceThatLeftAndCameBackGetsNoBurst() {
        NodeSelector selector = newSelector();
        List<Candidate> three = all(disk("a").speeds(100), disk("b").speeds(100), disk("c").speeds(200));
        firstChoices(selector, three, 7, PACK);
        firstChoices(selector, all(disk("a").speeds(100), disk("b").speeds(100)), 51, PACK);
        Map<String, Long> after = firstChoices(selector, three, 8, PACK);
        assertTrue(after.getOrDefault("c", 0L) <= 5, "c got a burst after coming back: " + after);
        assertEquals(Map.of("a", 100L, "b", 100L, "c", 200L), firstChoices(selector, three, 400, PACK));
    }

    @Test
    void aDeviceWithoutRoomSitsOutAndKeepsItsShareAfterwards() {
        NodeSelector selector = newSelector();
        List<Candidate> full = all(disk("a").speeds(100), disk("b").speeds(100), disk("c").speeds(100).free(0));
        assertEquals(Map.of("a", 50L, "b", 50L), firstChoices(selector, full, 100, PACK));
        List<Candidate> three = all(disk("a").speeds(100), disk("b").speeds(100), disk("c").speeds(100));
        assertEquals(Map.of("a", 100L, "b", 100L, "c", 100L), firstChoices(selector, three, 300, PACK));
    }

    @Test
    void copiesGoToDistinctDevicesAtMostOneEachInProportion() {
        List<Candidate> devices = all(disk("a").speeds(100), disk("b").speeds(100), flash("c").speeds(200));
        assertEquals(Map.of("a", 500L, "b", 500L, "c", 1000L), copyCounts(newSelector(), devices, 1000, 2));
        // a device far faster than the rest cannot take more than every pack: the others share the second copy
        List<Candidate> skewed = all(flash("a").speeds(1000), disk("b").speeds(1), disk("c").speeds(1));
        NodeSelector selector = newSelector();
        assertEquals(Map.of("a", 1000L, "b", 500L, "c", 500L), copyCounts(selector, skewed, 1000, 2));
        // ...and its credit did not pile up meanwhile: once it is as slow as the others, all three share evenly
        List<Candidate> even = all(flash("a").speeds(1), disk("b").speeds(1), disk("c").speeds(1));
        assertEquals(Map.of("a", 20L, "b", 20L, "c", 20L), copyCounts(selector, even, 30, 2));
    }

    @Test
    void expectedCopiesTable() {
        assertExpected(Map.of("a", 0.25, "b", 0.75), Map.of("a", 1.0, "b", 3.0), 1);
        assertExpected(Map.of("a", 0.5, "b", 0.5, "c", 1.0), Map.of("a", 1.0, "b", 1.0, "c", 2.0), 2);
        assertExpected(Map.of("a", 1.0, "b", 0.5, "c", 0.5), Map.of("a", 1000.0, "b", 1.0, "c", 1.0), 2);
        assertExpected(Map.of("a", 1.0, "b", 1.0, "c", 0.5, "d", 0.5),
                Map.of("a", 1000.0, "b", 500.0, "c", 1.0, "d", 1.0), 3);
        assertExpected(Map.of("a", 1.0, "b", 1.0), Map.of("a", 5.0, "b", 1.0), 3);
    }

    @Test
    void fallbacksFollowTheChosenDevicesFastestFirst() {
        List<Candidate> devices = all(disk("a").speeds(100), disk("b").speeds(50), flash("c").speeds(400),
                tape("d").speeds(200));
        List<String> first = newSelector().select(new PlacementRequest("s", PACK, 1), devices);
        assertEquals(List.of("c", "d", "a", "b"), first);
        List<String> twoCopies = newSelector().select(new PlacementRequest("s", PACK, 2), devices);
        assertEquals(List.of("c", "d", "a", "b"), twoCopies);
        NodeSelector selector = newSelector();
        selector.select(new PlacementRequest("s", PACK, 1), devices);
        assertEquals(List.of("d", "c", "a", "b"), selector.select(new PlacementRequest("s", PACK, 1), devices));
    }

    @Test
    void theSameCallsGiveTheSameAnswers() {
        NodeSelector one = newSelector();
        NodeSelector other = newSelector();
        Random random = new Random(3);
        for (int call = 0; call < 2_000; call++) {
            List<Candidate> devices = all(disk("a").speeds(1 + random.nextInt(100)), disk("b").speeds(100),
                    flash("c").weight(1 + random.nextInt(4)), tape("d").speeds(random.nextInt(3) * 80));
            PlacementRequest request = new PlacementRequest("s", random.nextInt(16) * MIB, 1 + random.nextInt(2));
            assertEquals(one.select(request, devices), other.select(request, devices), "call " + call);
        }
    }

    @Test
    void creditsStayWithinAFewPacksOfZero() {
        StripedSelector selector = new StripedSelector(Ranking.DEFAULT_WINDOW);
        Random random = new Random(11);
        List<Candidate> devices = all(disk("a").speeds(30), disk("b").speeds(90), flash("c").speeds(700),
                tape("d").speeds(160));
        for (int call = 0; call < 20_000; call++) {
            long size = (1 + random.nextInt(16)) * MIB;
            selector.select(new PlacementRequest("s", size, 1 + random.nextInt(3)), devices);
        }
        for (String id : List.of("a", "b", "c", "d")) {
            double credit = selector.credit(id);
            assertTrue(Math.abs(credit) <= devices.size() * 16 * MIB, id + " has credit " + credit);
        }
    }

    @Test
    void concurrentCallersTogetherGetExactProportions() throws Exception {
        NodeSelector selector = newSelector();
        List<Candidate> devices = all(disk("a").speeds(100), disk("b").speeds(200), flash("c").speeds(300));
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int call = 0; call < 1_000; call++) {
                        String first = selector.select(new PlacementRequest("s", PACK, 1), devices).get(0);
                        counts.computeIfAbsent(first, id -> new AtomicLong()).incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1000, counts.get("a").get());
        assertEquals(2000, counts.get("b").get());
        assertEquals(3000, counts.get("c").get());
    }

    @Test
    void configurationWindowMustBeAtLeastOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StripedSelector(new Config(0)));
        assertEquals("org.stowage.selector.striped: key 'window' is 0; use 1 or more (the number of recent "
                + "measured speeds to average)", e.getMessage());
        assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
                () -> StripedSelector.withWindow(0)).getMessage(), "the factory checks the window as DS does");
    }

    /** How often each device came first over {@code packs} calls. */
    static Map<String, Long> firstChoices(NodeSelector selector, List<Candidate> devices, int packs, long size) {
        Map<String, Long> counts = new HashMap<>();
        for (int pack = 0; pack < packs; pack++) {
            counts.merge(selector.select(new PlacementRequest("s", size, 1), devices).get(0), 1L, Long::sum);
        }
        return counts;
    }

    /** How many copies each device received over {@code packs} calls with {@code copies}. */
    private static Map<String, Long> copyCounts(NodeSelector selector, List<Candidate> devices, int packs,
                                                int copies) {
        Map<String, Long> counts = new HashMap<>();
        for (int pack = 0; pack < packs; pack++) {
            List<String> chosen = selector.select(new PlacementRequest("s", PACK, copies), devices)
                    .subList(0, copies);
            assertEquals(copies, Set.copyOf(chosen).size(), "copies on distinct devices: " + chosen);
            chosen.forEach(id -> counts.merge(id, 1L, Long::sum));
        }
        return counts;
    }

    private static void assertRates(Map<String, Double> megabytesPerSecond, List<Candidate> devices) {
        assertRates(megabytesPerSecond, devices, Ranking.DEFAULT_WINDOW);
    }

    private static void assertRates(Map<String, Double> megabytesPerSecond, List<Candidate> devices, int window) {
        Map<String, Double> rates = StripedSelector.rates(devices, window);
        assertEquals(megabytesPerSecond.keySet(), rates.keySet());
        megabytesPerSecond.forEach((id, expected) -> assertEquals(expected * MB_S, rates.get(id), 1e-3, id));
    }

    private static void assertExpected(Map<String, Double> expected, Map<String, Double> rates, int copies) {
        Map<String, Double> actual = StripeCredits.expectedCopies(rates, copies);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((id, share) -> assertEquals(share, actual.get(id), 1e-9, id + " in " + actual));
    }

    private record Config(int window) implements StripedSelectorConfig {
        @Override
        public Class<? extends Annotation> annotationType() {
            return StripedSelectorConfig.class;
        }
    }
}
