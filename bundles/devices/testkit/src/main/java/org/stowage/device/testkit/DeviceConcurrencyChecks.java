package org.stowage.device.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.device.testkit.TestBlobs.bytes;
import static org.stowage.device.testkit.TestBlobs.direct;
import static org.stowage.device.testkit.TestBlobs.heap;
import static org.stowage.device.testkit.TestBlobs.random;
import static org.stowage.device.testkit.TestBlobs.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.stowage.api.device.BlobExistsException;
import org.stowage.api.device.BlobName;
import org.stowage.api.device.BlobType;
import org.stowage.api.device.ByteRange;
import org.stowage.api.device.Device;

/**
 * The concurrency part of {@link DeviceConformanceTest}: several threads released together by a latch so that
 * their calls overlap. Each check waits at most {@link #TIMEOUT_SECONDS} per task (a hang is a failure).
 */
final class DeviceConcurrencyChecks {

    static final long TIMEOUT_SECONDS = 120;

    private final Device device;

    DeviceConcurrencyChecks(Device device) {
        this.device = device;
    }

    /** {@code threads} threads each put and read back {@code perThread} blobs of their own. */
    void distinctBlobs(int threads, int perThread) throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    BlobName name = BlobName.of(BlobType.DATA, "t" + thread + "-" + i);
                    byte[] content = random(1 + 3_000 * i, thread * 1000L + i);
                    device.put(name, i % 2 == 0 ? heap(content) : direct(content));
                    assertArrayEquals(content, bytes(device.get(name, ByteRange.ALL)), "read back " + name);
                    int half = content.length / 2;
                    assertArrayEquals(slice(content, half, content.length - half),
                            bytes(device.get(name, ByteRange.of(half, content.length - half))), "range of " + name);
                }
                return null;
            });
        }
        runTogether(tasks);
        long[] count = {0};
        device.list(BlobType.DATA, info -> count[0]++);
        assertEquals((long) threads * perThread, count[0], "list after concurrent puts");
    }

    /**
     * Rounds of {@code threads} threads putting one name at once: first all with the same content (all must
     * succeed), then with two contents (one content wins; puts of the other fail with BlobExistsException).
     */
    void racingPuts(int threads) throws Exception {
        for (int round = 0; round < 10; round++) {
            BlobName same = BlobName.of(BlobType.DATA, "same-" + round);
            byte[] content = random(64 * 1024, round);
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> putOrExists(same, content));
            }
            assertTrue(runTogether(tasks).stream().allMatch(ok -> ok), "a put of identical content failed");

            BlobName raced = BlobName.of(BlobType.DATA, "raced-" + round);
            byte[][] contents = {random(64 * 1024, 100 + round), random(64 * 1024, 200 + round)};
            List<Callable<Boolean>> racing = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte[] mine = contents[t % 2];
                racing.add(() -> putOrExists(raced, mine));
            }
            List<Boolean> outcomes = runTogether(racing);
            byte[] stored = bytes(device.get(raced, ByteRange.ALL));
            for (int t = 0; t < threads; t++) {
                boolean mineStored = java.util.Arrays.equals(stored, contents[t % 2]);
                assertEquals(mineStored, outcomes.get(t), "thread " + t + " round " + round
                        + ": put succeeded iff its content is the stored one");
            }
        }
    }

    /** While {@code count} blobs of {@code size} bytes are put, lists never show a blob with a partial size. */
    void listDuringPuts(int count, int size) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> writer = executor.submit(() -> {
                for (int i = 0; i < count; i++) {
                    device.put(BlobName.of(BlobType.DATA, "growing-" + i), heap(random(size, i)));
                }
                return null;
            });
            List<String> partial = new ArrayList<>();
            while (!writer.isDone()) {
                device.list(BlobType.DATA, info -> {
                    if (info.size() != size) {
                        partial.add(info.toString());
                    }
                });
            }
            writer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(List.of(), partial, "list showed incomplete blobs");
        } finally {
            executor.shutdownNow();
        }
        long[] complete = {0};
        device.list(BlobType.DATA, info -> complete[0] += info.size() == size ? 1 : 0);
        assertEquals(count, complete[0], "list after the puts finished");
    }

    private boolean putOrExists(BlobName name, byte[] content) throws Exception {
        try {
            device.put(name, heap(content));
            return true;
        } catch (BlobExistsException expected) {
            return false;
        }
    }

    private <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
