package org.stowage.engine.internal.memory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct buffers that are given back when their owner is done with them, not when a garbage collection gets to
 * them: an idle JVM may not collect for minutes, and until it does a freed pipeline's buffers stay resident.
 * {@link #free} runs the buffer's cleaner at once (the JDK's {@code Unsafe.invokeCleaner}, which Netty and Lucene use
 * for the same reason); where the JVM does not offer it, a buffer is left to the collector as before.
 *
 * <p>Only the owner frees, and only a buffer {@link #allocate} returned (not a slice or duplicate), once, when no view
 * of it is in use any more: a view read after the free reads memory the JVM has given back. {@link #live} counts the
 * bytes allocated here and not yet freed, so a test can prove that an operation gave back everything it took.
 * Thread-safe.
 */
public final class DirectMemory {

    private static final Logger LOG = LoggerFactory.getLogger(DirectMemory.class);
    private static final AtomicLong LIVE = new AtomicLong();
    private static final MethodHandle CLEANER = findCleaner();

    private DirectMemory() {
    }

    /** A new direct buffer of {@code capacity} bytes, counted in {@link #live} until {@link #free}d. */
    public static ByteBuffer allocate(int capacity) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(capacity);
        LIVE.addAndGet(capacity);
        return buffer;
    }

    /** Gives {@code buffer} (from {@link #allocate}; null is ignored) back to the operating system now. */
    public static void free(ByteBuffer buffer) {
        if (buffer == null) {
            return;
        }
        LIVE.addAndGet(-buffer.capacity());
        if (CLEANER != null) {
            try {
                CLEANER.invokeExact(buffer);
            } catch (Throwable e) {
                throw new IllegalArgumentException("could not free a direct buffer of " + buffer.capacity()
                        + " bytes (a slice or duplicate, or freed twice?): " + e, e);
            }
        }
    }

    /** Bytes {@link #allocate}d and not yet {@link #free}d. */
    public static long live() {
        return LIVE.get();
    }

    private static MethodHandle findCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("this JVM does not let Stowage free direct buffers when an operation ends ({}); they are "
                    + "freed when the garbage collector finds them", e.toString());
            return null;
        }
    }
}
