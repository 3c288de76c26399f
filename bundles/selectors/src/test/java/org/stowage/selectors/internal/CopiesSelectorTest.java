package org.stowage.selectors.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stowage.selectors.internal.TestDevice.MIB;
import static org.stowage.selectors.internal.TestDevice.all;
import static org.stowage.selectors.internal.TestDevice.disk;
import static org.stowage.selectors.internal.TestDevice.flash;
import static org.stowage.selectors.internal.TestDevice.object;
import static org.stowage.selectors.internal.TestDevice.tape;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stowage.api.selector.NodeSelector;
import org.stowage.api.selector.NodeSelector.Candidate;
import org.stowage.api.selector.NodeSelector.PlacementRequest;

class CopiesSelectorTest extends NodeSelectorContractTest {

    @Override
    protected NodeSelector newSelector() {
        return new CopiesSelector();
    }

    @Test
    void aDiskAndATapeBeforeTwoDisks() {
        assertOrder(List.of("d1", "t1", "d2"), 2, all(disk("d1").speeds(300), disk("d2").speeds(200),
                tape("t1").speeds(80)));
    }

    @Test
    void aNewKindWinsOverIdle() {
        assertOrder(List.of("d1", "t1", "d2"), 2, all(disk("d1").speeds(300), disk("d2").speeds(200),
                tape("t1").speeds(300).busy()));
    }

    @Test
    void withinAKindIdleThenFastestThenMostRoom() {
        // idle before busy
        assertOrder(List.of("idle", "t1", "busy"), 2, all(disk("busy").speeds(500).busy(), disk("idle").speeds(50),
                tape("t1")));
        // faster first
        assertOrder(List.of("fast", "slow"), 1, all(disk("slow").speeds(50), disk("fast").speeds(51)));
        // same speed (here: none measured): most free space first, unknown free space counts as unlimited
        assertOrder(List.of("unknown", "big", "small"), 1, all(disk("small").free(10 * MIB),
                disk("big").free(100 * MIB), disk("unknown")));
        // nothing known but the weight: the larger weight first
        assertOrder(List.of("b", "a"), 1, all(disk("a"), disk("b").weight(2)));
    }

    @Test
    void everyKindOnceBeforeAnyTwice() {
        List<Candidate> devices = all(disk("d1").speeds(400), disk("d2").speeds(390), flash("f1").speeds(900),
                tape("t1").speeds(300), object("o1").speeds(40), flash("f2").speeds(800));
        assertOrder(List.of("f1", "d1", "t1", "o1", "f2", "d2"), 3, devices);
    }

    @Test
    void fallbacksBringAKindThePackIsNotOnYet() {
        // the two copies on a disk and an object store; if one fails, the tape replaces it before the second disk
        List<Candidate> devices = all(disk("d1").speeds(300), disk("d2").speeds(250), object("o1").speeds(100),
                tape("t1").speeds(80));
        assertOrder(List.of("d1", "o1", "t1", "d2"), 2, devices);
    }

    @Test
    void unmeasuredDevicesRankBehindMeasuredOnesOfTheirKind() {
        assertOrder(List.of("d2", "t1", "d1"), 2, all(disk("d1"), disk("d2").speeds(1), tape("t1")));
    }

    @Test
    void theSameKindOnlyIsOrderedLikeAnyList() {
        assertOrder(List.of("c", "a", "b"), 2, all(disk("a").speeds(200), disk("b").speeds(100).busy(),
                disk("c").speeds(300)));
    }

    private static void assertOrder(List<String> expected, int copies, List<Candidate> devices) {
        assertEquals(expected, new CopiesSelector().select(new PlacementRequest("s", MIB, copies), devices));
    }
}
