package org.stowage.engine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WorkerThreadsTest {

    @Test
    void aPoolShutDownAtTheEndOfAnOperationReleasesWhatItsThreadsHeld() throws Exception {
        AtomicInteger released = new AtomicInteger();
        WorkerThreads threads = WorkerThreads.named("test-worker-");
        ExecutorService pool = Executors.newFixedThreadPool(3, threads);
        for (int i = 0; i < 3; i++) {
            pool.submit(() -> {
                assertTrue(Thread.currentThread().isDaemon());
                assertTrue(Thread.currentThread().getName().startsWith("test-worker-"));
                ThreadResources.onRelease(released::incrementAndGet);
            }).get();
        }
        assertEquals(0, released.get(), "nothing is released while the threads live");
        threads.stop(pool);
        assertTrue(pool.isTerminated());
        assertEquals(3, released.get(), "each registration was released when its thread ended, before stop returned");
    }

    @Test
    void forkJoinWorkersReleaseTooWhenThePoolEnds() throws Exception {
        AtomicInteger released = new AtomicInteger();
        WorkerThreads threads = WorkerThreads.named("test-fj-");
        ForkJoinPool pool = new ForkJoinPool(2, threads, null, false);
        pool.submit(() -> ThreadResources.onRelease(released::incrementAndGet)).get();
        threads.stop(pool);
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
