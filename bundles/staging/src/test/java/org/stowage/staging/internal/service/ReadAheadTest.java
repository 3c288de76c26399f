package org.stowage.staging.internal.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stowage.staging.internal.service.Fixture.content;
import static org.stowage.staging.internal.service.Fixture.heap;
import static org.stowage.staging.internal.service.Fixture.pack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.device.testkit.TestBlobs;
import org.stowage.staging.internal.store.StagedItem;

/** The drain's read-ahead hands out a blob only in the version staged when it is taken. */
class ReadAheadTest {

    @TempDir
    Path dir;

    private Fixture fixture;

    @BeforeEach
    void open() throws IOException {
        fixture = Fixture.open(dir);
    }

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void theBlobReadAheadIsTheOneTaken() throws IOException {
        StagedItem a = fixture.store.stage("tape1", pack("a"), heap(content(9000, 1)));
        try (ReadAhead ahead = new ReadAhead(fixture.store, "tape1")) {
            ahead.start(a);
            assertArrayEquals(content(9000, 1), TestBlobs.bytes(ahead.read(pack("a")).orElseThrow().content()));
        }
    }

    @Test
    void aNewerVersionStagedAfterTheEarlyReadIsReadAgain() throws Exception {
        StagedItem old = fixture.store.stage("tape1", pack("a"), heap(content(9000, 1)));
        try (ReadAhead ahead = new ReadAhead(fixture.store, "tape1", new InlineExecutor())) {
            ahead.start(old); // read at once, in this thread
            fixture.store.stage("tape1", pack("a"), heap(content(9000, 2)));
            assertArrayEquals(content(9000, 2), TestBlobs.bytes(ahead.read(pack("a")).orElseThrow().content()));
        }
    }

    @Test
    void aBlobReleasedAfterTheEarlyReadIsNoLongerHandedOut() throws Exception {
        StagedItem a = fixture.store.stage("tape1", pack("a"), heap(content(9000, 1)));
        try (ReadAhead ahead = new ReadAhead(fixture.store, "tape1", new InlineExecutor())) {
            ahead.start(a);
            fixture.store.release("tape1", pack("a"));
            assertTrue(ahead.read(pack("a")).isEmpty());
        }
    }

    @Test
    void anotherBlobThanTheOneReadAheadIsReadNow() throws IOException {
        StagedItem a = fixture.store.stage("tape1", pack("a"), heap(content(9000, 1)));
        fixture.store.stage("tape1", pack("b"), heap(content(5000, 3)));
        try (ReadAhead ahead = new ReadAhead(fixture.store, "tape1")) {
            ahead.start(a);
            assertArrayEquals(content(5000, 3), TestBlobs.bytes(ahead.read(pack("b")).orElseThrow().content()));
            assertArrayEquals(content(9000, 1), TestBlobs.bytes(ahead.read(pack("a")).orElseThrow().content()));
        }
    }

    /** Runs each task in the calling thread, so that the early read is done when {@code start} returns. */
    private static final class InlineExecutor extends AbstractExecutorService {
        private boolean shutdown;

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }
}
