package org.stowage.engine.internal.testing;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * The fuzz properties' check of one parse of untrusted bytes: it returns a value or throws one of the documented
 * exceptions (anything else is a crash), it allocates at most a bound (heap bytes from the JVM's per-thread
 * allocation counter, so only this thread's allocations count, plus the growth of the direct buffer pool, where the
 * crypto scratch buffers live), and it ends within {@link #HANG_NANOS} (a hang guard far above any real parse, not
 * a speed test). Only for single-threaded properties: other threads' direct buffers would count.
 */
public final class Untrusted {

    /** A parse taking this long is a hang: every parser here handles kilobytes in microseconds. */
    public static final long HANG_NANOS = 20_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Untrusted() {
    }

    /** The parse under test. */
    @FunctionalInterface
    public interface Parse<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code parse}; returns its value, or null if it threw one of {@code documented}.
     *
     * @throws AssertionError if it threw anything else, allocated more than {@code maxBytes} or hung
     */
    @SafeVarargs
    public static <T> T parse(String what, long maxBytes, Parse<T> parse,
                              Class<? extends Throwable>... documented) {
        long direct = directMemory();
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        T value = null;
        try {
            value = parse.run();
        } catch (Throwable t) {
            if (Arrays.stream(documented).noneMatch(type -> type.isInstance(t))) {
                throw new AssertionError(what + " threw an undocumented " + t, t);
            }
        }
        long took = System.nanoTime() - start;
        long heap = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        long offHeap = Math.max(0, directMemory() - direct);
        if (heap + offHeap > maxBytes) {
            throw new AssertionError(what + " allocated " + heap + " bytes on the heap and " + offHeap
                    + " direct, more than its bound of " + maxBytes);
        }
        if (took > HANG_NANOS) {
            throw new AssertionError(what + " took " + took / 1_000_000 + " ms: a hang");
        }
        return value;
    }

    private static long directMemory() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getTotalCapacity).sum();
    }

    /**
     * {@code valid} with byte-level mutations chosen by {@code seed}: flipped bits, interesting bytes, big-endian
     * ints and longs overwritten with boundary values, truncation, inserted and deleted runs. Deterministic per seed,
     * so a failing try replays from the seed jqwik reports.
     */
    public static byte[] mutate(byte[] valid, long seed, int mutations) {
        Random random = new Random(seed);
        byte[] bytes = valid.clone();
        for (int i = 0; i < mutations && bytes.length > 0; i++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(7)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) new int[] {0, 0xff, 0x7f, 0x80, '"', '{', '-', '9'}[random.nextInt(8)];
                case 2 -> putInt(bytes, at, new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, bytes.length,
                        bytes.length - 4, 1 << 30}[random.nextInt(7)]);
                case 3 -> putLong(bytes, at, new long[] {0, -1, Long.MAX_VALUE, Long.MIN_VALUE,
                        Long.MAX_VALUE - bytes.length}[random.nextInt(5)]);
                case 4 -> bytes = Arrays.copyOf(bytes, at);
                case 5 -> bytes = splice(bytes, at, randomBytes(random, 1 + random.nextInt(16)), 0);
                default -> bytes = splice(bytes, at, new byte[0], Math.min(bytes.length - at, 1 + random.nextInt(16)));
            }
        }
        return bytes;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert, int remove) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }

    private static void putInt(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4 && at + i < bytes.length; i++) {
            bytes[at + i] = (byte) (value >>> (24 - 8 * i));
        }
    }

    private static void putLong(byte[] bytes, int at, long value) {
        for (int i = 0; i < 8 && at + i < bytes.length; i++) {
            bytes[at + i] = (byte) (value >>> (56 - 8 * i));
        }
    }
}
