package org.stowage.engine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WorkerThreadsTest {

    @Test
    void aPoolShutDownAtTheEndOfAnOperationReleasesWhatItsThreadsHeld() throws Exception {
        AtomicInteger released = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3, WorkerThreads.named("test-worker-"));
        for (int i = 0; i < 3; i++) {
            pool.submit(() -> {
                assertTrue(Thread.currentThread().isDaemon());
                assertTrue(Thread.currentThread().getName().startsWith("test-worker-"));
                ThreadResources.onRelease(released::incrementAndGet);
            }).get();
        }
        assertEquals(0, released.get(), "nothing is released while the threads live");
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(3, released.get(), "each registration was released when its thread ended");
    }

    @Test
    void forkJoinWorkersReleaseTooWhenThePoolEnds() throws Exception {
        AtomicInteger released = new AtomicInteger();
        ForkJoinPool pool = new ForkJoinPool(2, WorkerThreads.named("test-fj-"), null, false);
        pool.submit(() -> ThreadResources.onRelease(released::incrementAndGet)).get();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(1, released.get());
    }

    @Test
    void aCallerReleasesItsOwnAndTheNextUseStartsAfresh() {
        AtomicInteger released = new AtomicInteger();
        ThreadResources.onRelease(released::incrementAndGet);
        ThreadResources.releaseCurrentThread();
        ThreadResources.releaseCurrentThread();
        assertEquals(1, released.get(), "released once");
    }
}
