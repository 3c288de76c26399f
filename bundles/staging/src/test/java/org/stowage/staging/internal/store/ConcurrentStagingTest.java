package org.stowage.staging.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.staging.internal.store.StoreFixtures.BLOCK;
import static org.stowage.staging.internal.store.StoreFixtures.bytes;
import static org.stowage.staging.internal.store.StoreFixtures.pack;
import static org.stowage.staging.internal.store.StoreFixtures.random;
import static org.stowage.staging.internal.store.StoreFixtures.small;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stagers, readers and a drainer at once, sharing blocks between objects (so pins, moves and segment deletion race
 * with reads): every read returns exactly a version that was staged, and a reopen sees what the last calls left.
 */
class ConcurrentStagingTest {

    @TempDir
    Path dir;

    @Test
    void stagesReadsAndReleasesFromManyThreadsStayConsistent() throws Exception {
        StoreOptions options = small(2L << 20).withStageTimeout(Duration.ofSeconds(30));
        // A few shared block contents, so different objects deduplicate against each other.
        List<ByteBuffer> pieces = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pieces.add(random(BLOCK, 500 + i));
        }
        Map<String, byte[]> everStaged = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try (StagingStore store = StagingStore.open(dir, options)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                work.add(threads.submit(() -> {
                    java.util.Random random = new java.util.Random(thread);
                    for (int i = 0; i < 150; i++) {
                        String id = "p" + random.nextInt(10);
                        byte[] content = compose(pieces, random, id);
                        everStaged.put(id + ":" + java.util.Arrays.hashCode(content), content);
                        store.stage("dev" + (thread % 2), pack(id), ByteBuffer.wrap(content));
                        Optional<StagedContent> read = store.read("dev" + (thread % 2), pack(id));
                        read.ifPresent(r -> assertTrue(everStaged.containsKey(id + ":"
                                + java.util.Arrays.hashCode(bytes(r.content()))), "read a version never staged"));
                    }
                    return null;
                }));
            }
            work.add(threads.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    for (String device : List.of("dev0", "dev1")) {
                        List<StagedItem> items = store.list(device);
                        if (!items.isEmpty()) {
                            StagedItem oldest = items.get(0);
                            store.read(device, oldest.name()); // the "device write"
                            store.releaseIfUnchanged(device, oldest.name(), oldest.version());
                        }
                    }
                }
                return null;
            }));
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
            threads.shutdown();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));

            Map<String, byte[]> expected = new java.util.HashMap<>();
            for (String device : List.of("dev0", "dev1")) {
                for (StagedItem item : store.list(device)) {
                    expected.put(device + "/" + item.name().id(), bytes(store.read(device, item.name())
                            .orElseThrow().content()));
                }
            }
            store.close();
            try (StagingStore reopened = StagingStore.open(dir, options)) {
                int count = 0;
                for (String device : List.of("dev0", "dev1")) {
                    for (StagedItem item : reopened.list(device)) {
                        assertArrayEquals(expected.get(device + "/" + item.name().id()),
                                bytes(reopened.read(device, item.name()).orElseThrow().content()));
                        count++;
                    }
                }
                assertEquals(expected.size(), count);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static byte[] compose(List<ByteBuffer> pieces, java.util.Random random, String id) {
        int blocks = 1 + random.nextInt(6);
        ByteBuffer out = ByteBuffer.allocate(blocks * BLOCK + id.length());
        for (int b = 0; b < blocks; b++) {
            out.put(pieces.get(random.nextInt(pieces.size())).duplicate());
        }
        out.put(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return out.array();
    }
}
