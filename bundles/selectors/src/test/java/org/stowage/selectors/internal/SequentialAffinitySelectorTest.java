package org.stowage.selectors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.selectors.internal.TestDevice.MIB;
import static org.stowage.selectors.internal.TestDevice.all;
import static org.stowage.selectors.internal.TestDevice.disk;
import static org.stowage.selectors.internal.TestDevice.flash;
import static org.stowage.selectors.internal.TestDevice.tape;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.stowage.api.selector.NodeSelector;
import org.stowage.api.selector.NodeSelector.Candidate;
import org.stowage.api.selector.NodeSelector.PlacementRequest;

class SequentialAffinitySelectorTest extends NodeSelectorContractTest {

    private static final long PACK = 16 * MIB;

    @Override
    protected NodeSelector newSelector() {
        return new SequentialAffinitySelector(new Config(SequentialAffinitySelector.DEFAULT_MAX_STREAMS));
    }

    @Test
    void aNewStreamTakesTheLeastLoadedTapeThenTheOthersThenRandomAccess() {
        List<Candidate> devices = all(disk("d1").speeds(500), tape("t1").busy(), tape("t2").queue(3),
                tape("t3").queue(1), flash("f1").speeds(900).busy(), disk("d2").speeds(100));
        assertEquals(List.of("t3", "t2", "t1", "d1", "d2", "f1"), newSelector().select(pack("s1"), devices));
    }

    @Test
    void laterPacksStayOnTheStreamsTapeEvenWhenItIsBusier() {
        SequentialAffinitySelector selector = new SequentialAffinitySelector(16);
        assertEquals("t1", selector.select(pack("s1"), all(tape("t1"), tape("t2").queue(2))).get(0));
        List<Candidate> later = all(tape("t1").busy().queue(9), tape("t2"), disk("d1"));
        for (int i = 0; i < 20; i++) {
            assertEquals(List.of("t1", "t2", "d1"), selector.select(pack("s1"), later));
        }
        assertEquals(List.of("t1"), selector.pinned("s1"));
    }

    @Test
    void theStreamMovesWhenItsTapeCannotTakeThePack() {
        SequentialAffinitySelector selector = new SequentialAffinitySelector(16);
        selector.select(pack("s1"), all(tape("t1"), tape("t2").queue(1), tape("t3").queue(2)));
        // full: the least loaded other tape takes the stream over, and keeps it when t1 has room again
        assertEquals("t2", selector.select(pack("s1"), all(tape("t1").free(PACK - 1), tape("t2").queue(1),
                tape("t3").queue(2))).get(0));
        assertEquals("t2", selector.select(pack("s1"), all(tape("t1"), tape("t2").queue(4), tape("t3"))).get(0));
        // gone from the candidates
        assertEquals("t3", selector.select(pack("s1"), all(tape("t1").queue(1), tape("t3"))).get(0));
        // offline
        assertEquals("t1", selector.select(pack("s1"), all(tape("t1"), tape("t3").offline())).get(0));
        assertEquals(List.of("t1"), selector.pinned("s1"));
    }

    @Test
    void unknownFreeSpaceKeepsTheStream() {
        SequentialAffinitySelector selector = new SequentialAffinitySelector(16);
        selector.select(pack("s1"), all(tape("t1").free(-1), tape("t2").queue(1)));
        assertEquals("t1", selector.select(pack("s1"), all(tape("t1").free(-1), tape("t2"))).get(0));
        assertEquals("t1", selector.select(pack("s1"), all(tape("t1").free(PACK), tape("t2"))).get(0));
    }

    @Test
    void streamsThatStartTogetherGoToDifferentTapes() {
        SequentialAffinitySelector selector = new SequentialAffinitySelector(16);
        List<Candidate> tapes = all(tape("t1"), tape("t2"), tape("t3"));
        assertEquals("t1", selector.select(pack("s1"), tapes).get(0));
        assertEquals("t2", selector.select(pack("s2"), tapes).get(0));
        assertEquals("t3", selector.select(pack("s3"), tapes).get(0));
        assertEquals("t1", selector.select(pack("s4"), tapes).get(0));
        // each keeps its tape
        assertEquals("t2", selector.select(pack("s2"), tapes).get(0));
    }

    @Test
    void withoutATapeRandomAccessDevicesComeFirstAndNothingIsPinned() {
        SequentialAffinitySelector selector = new SequentialAffinitySelector(16);
        assertEquals(List.of("d2", "d1", "f1"), selector.select(pack("s1"),
                all(disk("d1").speeds(100), disk("d2").speeds(200), flash("f1").speeds(900).busy())));
        assertEquals(List.of(), selector.pinned("s1"));
        assertEquals("t1", selector.select(pack("s1"), all(disk("d1"), tape("t1").busy())).get(0));
    }

    @Test
    void theStreamWaitsForItsTapeWhileNoTapeCanTakeIt() {
        SequentialAffinitySelector selector = new SequentialAffinitySelector(16);
        selector.select(pack("s1"), all(tape("t1"), tape("t2").queue(1)));
        assertEquals(List.of("d1"), selector.select(pack("s1"), all(disk("d1"), tape("t1").free(0),
                tape("t2").offline())));
        assertEquals(List.of("t1"), selector.pinned("s1"));
        assertEquals("t1", selector.select(pack("s1"), all(disk("d1"), tape("t1").busy(), tape("t2"))).get(0));
    }

    @Test
    void copiesPinAsManyTapes() {
        SequentialAffinitySelector selector = new SequentialAffinitySelector(16);
        PlacementRequest twoCopies = new PlacementRequest("s1", PACK, 2);
        assertEquals(List.of("t2", "t3", "t1", "d1"), selector.select(twoCopies,
                all(tape("t1").queue(5), tape("t2"), tape("t3").queue(1), disk("d1"))));
        assertEquals(List.of("t2", "t3"), selector.pinned("s1"));
        assertEquals(List.of("t2", "t3", "t1", "d1"), selector.select(twoCopies,
                all(tape("t1"), tape("t2").queue(5), tape("t3").queue(5), disk("d1"))));
        // one of them full: the other stays, the least loaded tape fills in
        assertEquals(List.of("t3", "t1", "d1"), selector.select(twoCopies,
                all(tape("t1"), tape("t2").free(0), tape("t3").queue(5), disk("d1"))));
        assertEquals(List.of("t3", "t1"), selector.pinned("s1"));
    }

    @Test
    void atMostMaxStreamsAreRememberedTheLeastRecentlyUsedIsForgotten() {
        SequentialAffinitySelector selector = new SequentialAffinitySelector(2);
        List<Candidate> tapes = all(tape("t1"), tape("t2"), tape("t3"));
        selector.select(pack("s1"), tapes);
        selector.select(pack("s2"), tapes);
        selector.select(pack("s1"), tapes);
        selector.select(pack("s3"), tapes);
        assertEquals(2, selector.streamsRemembered());
        assertEquals(List.of("t1"), selector.pinned("s1"));
        assertEquals(List.of(), selector.pinned("s2"), "s2 was used least recently");
        // a forgotten stream picks again: the least loaded tape now
        assertEquals("t2", selector.select(pack("s2"), all(tape("t1"), tape("t2"), tape("t3").queue(1))).get(0));
    }

    @Test
    void concurrentStreamsEachStayOnOneTapeAndMemoryStaysBounded() throws Exception {
        SequentialAffinitySelector selector = new SequentialAffinitySelector(64);
        List<Candidate> devices = all(tape("t1"), tape("t2"), tape("t3"), tape("t4"), disk("d1"));
        Map<String, Set<String>> tapesOfStream = new ConcurrentHashMap<>();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    start.await();
                    for (int call = 0; call < 2_000; call++) {
                        String stream = "backup:t" + thread + ":" + random.nextInt(6);
                        String first = selector.select(pack(stream), devices).get(0);
                        tapesOfStream.computeIfAbsent(stream, s -> ConcurrentHashMap.newKeySet()).add(first);
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
        assertEquals(48, tapesOfStream.size());
        tapesOfStream.forEach((stream, tapes) -> assertEquals(1, tapes.size(), stream + " went to " + tapes));
        assertTrue(selector.streamsRemembered() <= 64);
        long distinctTapes = tapesOfStream.values().stream().flatMap(Set::stream).distinct().count();
        assertEquals(4, distinctTapes, "the 48 streams spread over the four tapes");
    }

    @Test
    void concurrentStreamsBeyondTheBoundKeepMemoryBounded() throws Exception {
        SequentialAffinitySelector selector = new SequentialAffinitySelector(16);
        List<Candidate> devices = all(tape("t1"), tape("t2"), disk("d1"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int call = 0; call < 5_000; call++) {
                        selector.select(pack("backup:" + thread + ":" + call), devices);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(16, selector.streamsRemembered());
    }

    @Test
    void configurationMaxStreamsMustBeAtLeastOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SequentialAffinitySelector(new Config(0)));
        assertEquals("org.stowage.selector.sequential-affinity: key 'max.streams' is 0; use 1 or more (the number "
                + "of streams that keep their device)", e.getMessage());
        assertNotEquals(null, new SequentialAffinitySelector(new Config(1)));
    }

    private static PlacementRequest pack(String stream) {
        return new PlacementRequest(stream, PACK, 1);
    }

    private record Config(int max_streams) implements SequentialAffinitySelectorConfig {
        @Override
        public Class<? extends Annotation> annotationType() {
            return SequentialAffinitySelectorConfig.class;
        }
    }
}
