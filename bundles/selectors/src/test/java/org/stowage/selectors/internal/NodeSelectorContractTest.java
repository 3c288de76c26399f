package org.stowage.selectors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stowage.selectors.internal.TestDevice.MIB;
import static org.stowage.selectors.internal.TestDevice.all;
import static org.stowage.selectors.internal.TestDevice.disk;
import static org.stowage.selectors.internal.TestDevice.tape;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.stowage.api.device.DeviceKind;
import org.stowage.api.device.DeviceState;
import org.stowage.api.selector.NodeSelector;
import org.stowage.api.selector.NodeSelector.Candidate;
import org.stowage.api.selector.NodeSelector.PlacementRequest;

/**
 * The {@link NodeSelector} contract, run against every built-in selector: each selector's test extends this class.
 * Beyond the SPI's rules (ids only from the candidates, no duplicates, empty only when no candidate can take the
 * pack), it checks what all built-in selectors promise: they accept every candidate that can take the pack, so the
 * result is exactly those candidates, in the selector's order. Stateful selectors are checked with one instance
 * over many calls, and from several threads at once.
 */
abstract class NodeSelectorContractTest {

    private static final List<String> STREAMS = List.of("backup:nightly:1", "backup:weekly:1", "backup:adhoc:7");

    /** A new selector with its default configuration. */
    protected abstract NodeSelector newSelector();

    @Test
    void noCandidatesGiveAnEmptyList() {
        assertEquals(List.of(), newSelector().select(request(MIB, 1), List.of()));
    }

    @Test
    void emptyExactlyWhenNoCandidateHasRoom() {
        NodeSelector selector = newSelector();
        List<Candidate> full = all(disk("d1").free(MIB - 1), tape("t1").free(0), disk("d2").offline());
        assertEquals(List.of(), selector.select(request(MIB, 1), full));
        List<Candidate> oneFits = all(disk("d1").free(MIB - 1), tape("t1").free(MIB), disk("d2").offline());
        assertEquals(List.of("t1"), selector.select(request(MIB, 1), oneFits));
        List<Candidate> unknownRoom = all(disk("d1").free(MIB - 1), disk("d3").free(-1));
        assertEquals(List.of("d3"), selector.select(request(MIB, 2), unknownRoom));
    }

    @Test
    void offlineDevicesAreNeverReturned() {
        List<Candidate> candidates = all(disk("d1").offline().speeds(900), tape("t1").offline(), disk("d2"));
        assertEquals(List.of("d2"), newSelector().select(request(MIB, 2), candidates));
    }

    @Test
    void aDeviceListedTwiceIsReturnedOnce() {
        List<Candidate> candidates = all(disk("d1").speeds(100), disk("d1").speeds(100), tape("t1"), disk("d2"));
        List<String> result = newSelector().select(request(MIB, 3), candidates);
        assertEquals(Set.of("d1", "t1", "d2"), Set.copyOf(result));
        assertEquals(3, result.size(), "duplicates in " + result);
    }

    @Test
    void moreCopiesThanDevicesReturnsEveryDevice() {
        List<Candidate> candidates = all(disk("d1"), tape("t1").busy());
        List<String> result = newSelector().select(request(MIB, 5), candidates);
        assertEquals(Set.of("d1", "t1"), Set.copyOf(result));
        assertEquals(2, result.size());
    }

    @Test
    void everyCallReturnsExactlyTheCandidatesThatCanTakeThePack() {
        NodeSelector selector = newSelector();
        Random random = new Random(42);
        for (int call = 0; call < 5_000; call++) {
            List<Candidate> candidates = new ArrayList<>(randomCandidates(random));
            List<Candidate> given = List.copyOf(candidates);
            PlacementRequest request = randomRequest(random);
            List<String> result = selector.select(request, candidates);
            assertEquals(given, candidates, "the selector changed its input");
            assertHoldsContract(request, candidates, result);
        }
    }

    @Test
    void concurrentCallsEachKeepTheContract() throws Exception {
        NodeSelector selector = newSelector();
        List<AssertionError> failures = new CopyOnWriteArrayList<>();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    start.await();
                    for (int call = 0; call < 1_000; call++) {
                        List<Candidate> candidates = randomCandidates(random);
                        PlacementRequest request = randomRequest(random);
                        try {
                            assertHoldsContract(request, candidates, selector.select(request, candidates));
                        } catch (AssertionError e) {
                            failures.add(e);
                        }
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
        assertEquals(List.of(), failures);
    }

    /** The candidates, in order, that the contract says can take the pack: not OFFLINE, room, first of an id. */
    static Set<String> canTake(PlacementRequest request, List<Candidate> candidates) {
        Set<String> ids = new LinkedHashSet<>();
        for (Candidate candidate : candidates) {
            long free = candidate.status().freeBytes();
            if (candidate.status().state() != DeviceState.OFFLINE && (free < 0 || free >= request.sizeBytes())) {
                ids.add(candidate.id());
            }
        }
        return ids;
    }

    static PlacementRequest request(long sizeBytes, int copies) {
        return new PlacementRequest(STREAMS.get(0), sizeBytes, copies);
    }

    private static void assertHoldsContract(PlacementRequest request, List<Candidate> candidates, List<String> result) {
        Supplier<String> context = () -> request + " " + candidates.stream().map(c -> c.id() + "/"
                + c.status().state() + "/" + c.status().freeBytes()).toList() + " -> " + result;
        assertEquals(result.size(), new HashSet<>(result).size(), () -> "duplicates: " + context.get());
        assertEquals(canTake(request, candidates), Set.copyOf(result),
                () -> "not the devices that can take it: " + context.get());
    }

    private static PlacementRequest randomRequest(Random random) {
        return new PlacementRequest(STREAMS.get(random.nextInt(STREAMS.size())), random.nextInt(17) * MIB,
                1 + random.nextInt(3));
    }

    /** Up to six devices with ids from a pool of eight (so an id is sometimes listed twice), of every kind. */
    private static List<Candidate> randomCandidates(Random random) {
        List<Candidate> candidates = new ArrayList<>();
        int count = random.nextInt(7);
        for (int i = 0; i < count; i++) {
            String id = "dev" + random.nextInt(8);
            DeviceKind kind = DeviceKind.values()[random.nextInt(DeviceKind.values().length)];
            TestDevice device = switch (kind) {
                case DISK -> disk(id);
                case FLASH -> TestDevice.flash(id);
                case OBJECT -> TestDevice.object(id);
                case TAPE -> tape(id);
            };
            int state = random.nextInt(10);
            device.state(state < 6 ? DeviceState.IDLE : state < 9 ? DeviceState.BUSY : DeviceState.OFFLINE);
            device.free(switch (random.nextInt(4)) {
                case 0 -> -1;
                case 1 -> random.nextInt(8) * MIB;
                default -> 1L << 40;
            });
            double[] speeds = new double[random.nextInt(7)];
            for (int s = 0; s < speeds.length; s++) {
                speeds[s] = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(500);
            }
            device.speeds(speeds).traffic(random.nextBoolean() ? 0 : random.nextInt(400))
                    .queue(random.nextInt(4)).weight(1 + random.nextInt(4));
            candidates.add(device.build());
        }
        return candidates;
    }
}
