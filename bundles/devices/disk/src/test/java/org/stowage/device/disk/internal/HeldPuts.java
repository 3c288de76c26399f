package org.stowage.device.disk.internal;

import static org.stowage.device.testkit.TestBlobs.heap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.stowage.api.device.BlobName;

/**
 * A commit hook that holds puts between "temp file written" and "rename" until the test releases them, so tests
 * can look at a device with puts in flight without sleeping. Waits time out after 30 s (a hang is a failure).
 */
final class HeldPuts implements DiskDevice.CommitHook {

    private static final long TIMEOUT_SECONDS = 30;

    private final int expected;
    private final Semaphore arrived = new Semaphore(0);
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    HeldPuts(int expected) {
        this.expected = expected;
    }

    @Override
    public void beforeCommit(BlobName name) throws IOException {
        arrived.release();
        try {
            released.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("held put of " + name + " interrupted");
        } catch (Exception e) {
            throw new IOException("held put of " + name + " was never released", e);
        }
    }

    /** Starts a put of {@code content} on another thread. */
    Running start(DiskDevice device, BlobName name, byte[] content) {
        return new Running(CompletableFuture.runAsync(() -> {
            try {
                device.put(name, heap(content));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, HeldPuts::ownThread));
    }

    /** One thread per put: the common pool may have a single thread, which a held put would block. */
    private static void ownThread(Runnable task) {
        Thread thread = new Thread(task, "held-put");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until all expected puts are held. */
    void awaitHeld() throws InterruptedException, TimeoutException {
        awaitHeld(expected);
    }

    /** Waits until {@code count} more puts are held. */
    void awaitHeld(int count) throws InterruptedException, TimeoutException {
        if (!arrived.tryAcquire(count, TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException(count + " puts did not reach the commit point");
        }
    }

    void release() {
        released.complete(null);
    }

    /** A put running on another thread; closing releases it so that a failed test does not leave it hanging. */
    final class Running implements AutoCloseable {
        private final CompletableFuture<Void> put;

        private Running(CompletableFuture<Void> put) {
            this.put = put;
        }

        void await() throws Exception {
            put.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            release();
        }
    }
}
