package org.stowage.engine.internal.memory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of the engine's pipelines: daemons (a stuck operation never keeps the JVM alive) named
 * {@code prefix-N}, with the creating thread's context class loader (in Karaf the JDK's default factories would give
 * them the system class loader), and that release their {@link ThreadResources} when they end, so a pool shut down
 * at the end of an operation gives its scratch memory back at once: {@link #stop} it, or after a graceful shutdown
 * {@link #joinEnded}. Thread-safe.
 */
public final class WorkerThreads implements ThreadFactory, ForkJoinPool.ForkJoinWorkerThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerThreads.class);

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();

    private WorkerThreads(String prefix) {
        this.prefix = prefix;
    }

    /** Threads named {@code prefix} followed by a number, e.g. {@code stowage-archiver-saver-}. */
    public static WorkerThreads named(String prefix) {
        return new WorkerThreads(prefix);
    }

    @Override
    public Thread newThread(Runnable work) {
        return configure(new Thread(() -> {
            try {
                work.run();
            } finally {
                ended();
            }
        }));
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        return configure(new ForkJoinWorkerThread(pool) {
            @Override
            protected void onTermination(Throwable exception) {
                ended();
                super.onTermination(exception);
            }
        });
    }

    /**
     * Stops a pipeline's pool at the end of its operation: interrupts its threads and waits up to 30 s for them to
     * end and release what they held. A thread still running then (stuck in a device call) is left to end on its
     * own, and the log says so.
     */
    public void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the {}* threads did not end within 30 s of their operation; their memory is released "
                        + "when they do", prefix);
                return;
            }
            joinEnded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for this factory's threads to finish ending, once their pool has terminated: an executor counts a
     * thread as gone before the thread has released its resources.
     */
    public void joinEnded() throws InterruptedException {
        for (Thread thread : live) {
            thread.join();
        }
    }

    private void ended() {
        ThreadResources.releaseCurrentThread();
        live.remove(Thread.currentThread());
    }

    private <T extends Thread> T configure(T thread) {
        thread.setName(prefix + count.incrementAndGet());
        thread.setDaemon(true);
        thread.setContextClassLoader(loader);
        live.add(thread);
        return thread;
    }
}
