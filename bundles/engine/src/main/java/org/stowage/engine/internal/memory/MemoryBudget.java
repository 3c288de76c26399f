package org.stowage.engine.internal.memory;

import java.util.ArrayDeque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stowage.api.repository.StowageException;

/**
 * Stowage's memory budget ({@code memory.budget} in {@code org.stowage.repository.cfg}): the bytes that the
 * operations running at once may hold in buffers, however many there are. An operation is admitted with the least it
 * can run with and the most it would use; it is granted what is free up to what it wants, and sizes its pipeline
 * (threads, buffers) from the grant. While less than its minimum is free it waits, first come first served, so
 * concurrent jobs queue instead of each taking its worst case. An operation whose minimum exceeds the whole budget
 * waits until it can run alone and then gets its minimum (a warning says the budget is too small for it). An
 * operation that wants no memory (a check that reads no data) is admitted at once: it holds nothing a waiting one
 * could need, so it has no reason to queue behind them.
 *
 * <p>Admit after taking the repository's lock: a grant holder then never waits for anything but its own work, so
 * admission cannot deadlock with the lock. A thread that already holds a grant (a restore that verifies, a prune that
 * repacks) is granted its minimum at once, on top: it must not wait for memory its own caller holds (a caller that
 * holds none waits in the queue like anyone). Closing a grant
 * gives its bytes back and releases the thread's {@link ThreadResources}. Thread-safe.
 */
public final class MemoryBudget {

    public static final long DEFAULT_BYTES = 256L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(MemoryBudget.class);
    private static final MemoryBudget SHARED = new MemoryBudget(DEFAULT_BYTES);

    private final ThreadLocal<Grant> held = new ThreadLocal<>();
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private long capacity;
    private long used;
    private long peak;

    public MemoryBudget(long bytes) {
        this.capacity = positive(bytes);
    }

    /** The budget of every repository in this JVM, sized by the repository component's configuration. */
    public static MemoryBudget shared() {
        return SHARED;
    }

    /**
     * Changes the budget; operations running keep their grants, waiting ones are admitted by the new size, and
     * {@link #peak} starts again from what is granted now.
     */
    public synchronized void resize(long bytes) {
        capacity = positive(bytes);
        peak = used;
        notifyAll();
    }

    public synchronized long capacity() {
        return capacity;
    }

    /** Bytes granted to operations running now. */
    public synchronized long used() {
        return used;
    }

    /** Operations waiting to be admitted. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** The most granted at once since the budget was created or last resized. */
    public synchronized long peak() {
        return peak;
    }

    /**
     * Admits {@code operation}: waits until at least {@code minimum} bytes are free (or, for a minimum above the
     * budget, until nothing else runs) and grants what is free up to {@code wanted}.
     *
     * @throws StowageException if the thread is interrupted while it waits (nothing is granted)
     */
    public Grant admit(String operation, long minimum, long wanted) {
        if (minimum < 0 || wanted < minimum) {
            throw new IllegalArgumentException("bad memory request for " + operation + ": at least " + minimum
                    + " and at most " + wanted + " bytes");
        }
        Grant outer = held.get();
        if (outer != null && outer.bytes > 0) {
            return grant(minimum, false);
        }
        if (wanted == 0) {
            return grant(0, outer == null);
        }
        Object ticket = new Object();
        synchronized (this) {
            waiting.addLast(ticket);
            try {
                while (waiting.peekFirst() != ticket || !fits(minimum)) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StowageException("interrupted while " + operation + " waited for memory: " + used + " of "
                        + capacity + " bytes of the memory budget were in use by other operations", e);
            } finally {
                waiting.remove(ticket);
                notifyAll();
            }
            if (minimum > capacity) {
                LOG.warn("{} needs at least {} MiB, more than the whole memory budget of {} MiB: it runs alone with "
                        + "that; raise memory.budget in org.stowage.repository.cfg", operation, minimum >> 20,
                        capacity >> 20);
            }
            return grant(Math.max(minimum, Math.min(wanted, capacity - used)), true);
        }
    }

    private boolean fits(long minimum) {
        return minimum <= capacity ? used + minimum <= capacity : used == 0;
    }

    private synchronized Grant grant(long bytes, boolean outermost) {
        used += bytes;
        peak = Math.max(peak, used);
        Grant grant = new Grant(bytes, outermost);
        if (outermost) {
            held.set(grant);
        }
        return grant;
    }

    private synchronized void giveBack(long bytes) {
        used -= bytes;
        notifyAll();
    }

    private static long positive(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a memory budget must be positive, got " + bytes + " bytes");
        }
        return bytes;
    }

    /** What one operation may hold; closing it gives the bytes back (once). Used by the admitted thread only. */
    public final class Grant implements AutoCloseable {

        private final long bytes;
        private final boolean outermost;
        private boolean closed;

        private Grant(long bytes, boolean outermost) {
            this.bytes = bytes;
            this.outermost = outermost;
        }

        public long bytes() {
            return bytes;
        }

        /**
         * How many threads of {@code perThread} bytes fit beside {@code fixed} bytes in this grant: at least one, at
         * most {@code most}.
         */
        public int threads(long fixed, long perThread, int most) {
            long fit = (bytes - fixed) / Math.max(1, perThread);
            return (int) Math.max(1, Math.min(most, fit));
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            giveBack(bytes);
            if (outermost) {
                held.remove();
                ThreadResources.releaseCurrentThread();
            }
        }
    }
}
