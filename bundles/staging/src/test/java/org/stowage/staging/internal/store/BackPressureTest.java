package org.stowage.staging.internal.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.staging.internal.store.StoreFixtures.BLOCK;
import static org.stowage.staging.internal.store.StoreFixtures.bytes;
import static org.stowage.staging.internal.store.StoreFixtures.object;
import static org.stowage.staging.internal.store.StoreFixtures.pack;
import static org.stowage.staging.internal.store.StoreFixtures.random;
import static org.stowage.staging.internal.store.StoreFixtures.small;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.staging.StagingFullException;

class BackPressureTest {

    /** Room for 4 blocks of data with their headers. */
    private static final long CAPACITY = 4L * (BLOCK + BlockHeader.LENGTH);

    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    void aStagePastTheCapacityWaitsUntilAReleaseFreesRoomAndLosesNothing() throws Exception {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), random(3 * BLOCK, 1));
            ByteBuffer b = random(2 * BLOCK, 2);
            Future<StagedItem> waiting = threads.submit(() -> store.stage("tape1", pack("b"), b, Duration.ofMinutes(1)));

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
            assertTrue(store.item("tape1", pack("b")).isEmpty());

            store.release("tape1", pack("a"));
            assertEquals(2L * BLOCK, waiting.get(10, TimeUnit.SECONDS).sizeBytes());
            assertArrayEquals(bytes(b), bytes(store.read("tape1", pack("b")).orElseThrow().content()));
            assertTrue(store.usedBytes() <= store.capacityBytes());
        }
    }

    @Test
    void raisingTheCapacityLetsAWaitingStageIn() throws Exception {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), random(3 * BLOCK, 1));
            Future<StagedItem> waiting = threads.submit(() -> store.stage("tape1", pack("b"), random(2 * BLOCK, 2),
                    Duration.ofMinutes(1)));
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
            store.setCapacityBytes(2 * CAPACITY);
            waiting.get(10, TimeUnit.SECONDS);
            assertEquals(2, store.list("tape1").size());
        }
    }

    @Test
    void aStageThatFindsNoRoomInTimeFailsSayingWhatIsFullAndStagesNothing() throws Exception {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), random(3 * BLOCK, 1));
            long used = store.usedBytes();
            StagingFullException e = assertThrows(StagingFullException.class,
                    () -> store.stage("tape1", pack("b"), random(2 * BLOCK, 2), Duration.ofMillis(50)));
            assertTrue(e.getMessage().contains("stayed full") && e.getMessage().contains("data/b"), e.getMessage());
            assertTrue(store.item("tape1", pack("b")).isEmpty());
            assertEquals(used, store.usedBytes());
            store.release("tape1", pack("a"));
            store.stage("tape1", pack("b"), random(2 * BLOCK, 2), Duration.ZERO); // its reservation was returned
        }
    }

    @Test
    void aBlobLargerThanTheWholeCapacityFailsAtOnce() throws Exception {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            StagingFullException e = assertThrows(StagingFullException.class,
                    () -> store.stage("tape1", pack("huge"), random((int) CAPACITY + 1, 1), Duration.ofHours(1)));
            assertTrue(e.getMessage().contains("more than the whole staging capacity"), e.getMessage());
        }
    }

    @Test
    void aBlobAsLargeAsTheCapacityFitsIntoAnEmptyStore() throws Exception {
        try (StagingStore store = StagingStore.open(dir, small(4L * BLOCK))) {
            store.stage("tape1", pack("full"), random(4 * BLOCK, 1), Duration.ZERO); // headers go over: allowed alone
            assertEquals(1, store.list("tape1").size());
        }
    }

    @Test
    void aWaitingStageCanBeInterrupted() throws Exception {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            store.stage("tape1", pack("a"), random(3 * BLOCK, 1));
            AtomicReference<Thread> stager = new AtomicReference<>();
            CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
                stager.set(Thread.currentThread());
                try {
                    store.stage("tape1", pack("b"), random(2 * BLOCK, 2), Duration.ofMinutes(1));
                    return null;
                } catch (Exception e) {
                    return e;
                }
            }, threads);
            await().atMost(Duration.ofSeconds(5)).until(() -> stager.get() != null);
            await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> !outcome.isDone());
            stager.get().interrupt();
            assertTrue(outcome.get(10, TimeUnit.SECONDS) instanceof InterruptedIOException);
            assertFalse(store.item("tape1", pack("b")).isPresent());
        }
    }

    @Test
    void restagingBlocksTheStoreAlreadyHoldsNeedsNoRoom() throws Exception {
        try (StagingStore store = StagingStore.open(dir, small(CAPACITY))) {
            ByteBuffer a = random(3 * BLOCK, 1);
            store.stage("tape1", object("a"), a);
            store.stage("tape2", object("a"), a, Duration.ZERO); // the same blocks: nothing to reserve
            assertEquals(2, store.usage().size());
        }
    }
}
