package org.stowage.engine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.stowage.api.repository.StowageException;

class MemoryBudgetTest {

    private static final long MIB = 1 << 20;

    @Test
    void anOperationGetsWhatIsFreeUpToWhatItWantsAndSizesItsThreadsFromIt() {
        MemoryBudget budget = new MemoryBudget(100 * MIB);
        try (MemoryBudget.Grant first = budget.admit("first", 10 * MIB, 70 * MIB)) {
            assertEquals(70 * MIB, first.bytes());
            assertEquals(4, first.threads(10 * MIB, 15 * MIB, 8), "(70 - 10) / 15 threads");
            CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> {
                try (MemoryBudget.Grant grant = budget.admit("second", 20 * MIB, 50 * MIB)) {
                    return grant.bytes();
                }
            });
            assertEquals(30 * MIB, second.join(), "the rest of the budget, above its minimum");
            assertEquals(100 * MIB, budget.peak());
        }
        assertEquals(0, budget.used());
    }

    @Test
    void whileLessThanItsMinimumIsFreeAnOperationWaitsAndTheQueueIsFirstComeFirstServed() throws Exception {
        BigWaiter queue = bigWaiterBehindARunningJob();
        MemoryBudget budget = queue.budget();
        List<String> admitted = queue.admitted();
        MemoryBudget.Grant running = queue.running();
        CompletableFuture<Void> big = queue.big();
        CompletableFuture<Void> small = waiter(budget, "small", 10 * MIB, admitted);
        awaitWaiting(budget, 2);
        Thread.sleep(200);
        assertEquals(List.of(), admitted, "20 MiB are free, but the small one queues behind the big one");
        running.close();
        CompletableFuture.allOf(big, small).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("big", "small"), admitted);
        assertTrue(budget.peak() <= 100 * MIB, "never more than the budget: " + budget.peak());
    }

    @Test
    void anOperationThatWantsNoMemoryIsAdmittedAtOnceEvenBehindAWaiter() throws Exception {
        BigWaiter queue = bigWaiterBehindARunningJob();
        List<String> admitted = queue.admitted();
        MemoryBudget.Grant running = queue.running();
        CompletableFuture<Void> big = queue.big();
        CompletableFuture<Void> plainCheck = waiter(queue.budget(), "check", 0, admitted);
        plainCheck.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("check"), admitted, "it holds nothing, so it does not queue behind the big one");
        assertFalse(big.isDone());
        running.close();
        big.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("check", "big"), admitted);
    }

    @Test
    void underAGrantOfNothingANestedOperationQueuesLikeAnyOther() throws Exception {
        MemoryBudget budget = new MemoryBudget(100 * MIB);
        MemoryBudget.Grant running = budget.admit("running", 80 * MIB, 80 * MIB);
        CompletableFuture<Long> nested = CompletableFuture.supplyAsync(() -> {
            try (MemoryBudget.Grant outer = budget.admit("check", 0, 0);
                 MemoryBudget.Grant inner = budget.admit("nested", 50 * MIB, 50 * MIB)) {
                return inner.bytes() + outer.bytes();
            }
        });
        awaitWaiting(budget, 1);
        assertFalse(nested.isDone(), "50 MiB are not free, and its caller holds nothing it could be waiting for");
        running.close();
        assertEquals(50 * MIB, nested.get(10, TimeUnit.SECONDS));
        assertTrue(budget.peak() <= 100 * MIB, "never more than the budget: " + budget.peak());
        assertEquals(0, budget.used());
    }

    @Test
    void aMinimumAboveTheBudgetRunsAloneWithItsMinimum() throws Exception {
        MemoryBudget budget = new MemoryBudget(50 * MIB);
        List<String> admitted = new CopyOnWriteArrayList<>();
        MemoryBudget.Grant other = budget.admit("other", 1 * MIB, 1 * MIB);
        CompletableFuture<Void> huge = waiter(budget, "huge", 80 * MIB, admitted);
        awaitWaiting(budget, 1);
        assertFalse(huge.isDone(), "it waits until nothing else runs");
        other.close();
        huge.get(10, TimeUnit.SECONDS);
        assertEquals(80 * MIB, budget.peak());
    }

    @Test
    void aNestedOperationIsGrantedItsMinimumAtOnceAndTheOuterCloseReleasesTheThread() {
        MemoryBudget budget = new MemoryBudget(10 * MIB);
        AtomicReference<String> released = new AtomicReference<>("no");
        try (MemoryBudget.Grant outer = budget.admit("restore", 10 * MIB, 10 * MIB)) {
            ThreadResources.onRelease(() -> released.set("yes"));
            try (MemoryBudget.Grant nested = budget.admit("verify", 2 * MIB, 5 * MIB)) {
                assertEquals(2 * MIB, nested.bytes(), "its minimum, without waiting for its caller");
                assertEquals(12 * MIB, budget.used());
            }
            assertEquals("no", released.get(), "the nested close leaves the caller's scratch alone");
        }
        assertEquals("yes", released.get());
        assertEquals(0, budget.used());
    }

    @Test
    void anInterruptedWaitGrantsNothingAndSaysWhy() throws Exception {
        MemoryBudget budget = new MemoryBudget(10 * MIB);
        try (MemoryBudget.Grant running = budget.admit("running", 10 * MIB, 10 * MIB)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread waiting = new Thread(() -> {
                try {
                    budget.admit("the backup of /data", 5 * MIB, 5 * MIB);
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            waiting.start();
            awaitWaiting(budget, 1);
            waiting.interrupt();
            waiting.join(10_000);
            assertTrue(failure.get() instanceof StowageException, String.valueOf(failure.get()));
            assertTrue(failure.get().getMessage().contains("the backup of /data waited for memory"),
                    failure.get().getMessage());
            assertEquals(10 * MIB, budget.used());
        }
    }

    @Test
    void nonsenseRequestsAndBudgetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryBudget(0));
        MemoryBudget budget = new MemoryBudget(MIB);
        assertThrows(IllegalArgumentException.class, () -> budget.admit("x", 2, 1));
        assertThrows(IllegalArgumentException.class, () -> budget.admit("x", -1, 1));
    }

    /** A budget of 100 MiB with a job running on 80 of it and one that needs 95 waiting for it. */
    private record BigWaiter(MemoryBudget budget, List<String> admitted, MemoryBudget.Grant running,
                             CompletableFuture<Void> big) {
    }

    private static BigWaiter bigWaiterBehindARunningJob() throws InterruptedException {
        MemoryBudget budget = new MemoryBudget(100 * MIB);
        List<String> admitted = new CopyOnWriteArrayList<>();
        MemoryBudget.Grant running = budget.admit("running", 80 * MIB, 80 * MIB);
        CompletableFuture<Void> big = waiter(budget, "big", 95 * MIB, admitted);
        awaitWaiting(budget, 1);
        return new BigWaiter(budget, admitted, running, big);
    }

    private static CompletableFuture<Void> waiter(MemoryBudget budget, String name, long minimum,
                                                  List<String> admitted) {
        return CompletableFuture.runAsync(() -> {
            try (MemoryBudget.Grant grant = budget.admit(name, minimum, minimum)) {
                admitted.add(name);
            }
        }, runnable -> new Thread(runnable, "waiter-" + name).start());
    }

    private static void awaitWaiting(MemoryBudget budget, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.waiting() < count) {
            assertTrue(System.nanoTime() < deadline, "nobody waits for the budget");
            Thread.sleep(5);
        }
    }
}
