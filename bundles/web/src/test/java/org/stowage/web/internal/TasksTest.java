package org.stowage.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.stowage.api.repository.StowageException;

class TasksTest {

    private final User anna = new User("anna", Role.OPERATOR);

    @Test
    void aQueuedTaskCanBeCancelledARunningOneCannotAndFailuresKeepTheirMessage() throws Exception {
        try (Tasks tasks = new Tasks(Clock.systemUTC(), new EventHub())) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(2);
            Task first = tasks.start("backup", "one", anna, l -> block(started, release));
            tasks.start("backup", "two", anna, l -> block(started, release));
            assertTrue(started.await(10, TimeUnit.SECONDS), "both workers busy");
            Task queued = tasks.start("check", "three", anna, l -> "ran");

            assertEquals(Task.State.CANCELLED, tasks.cancel(queued.id(), anna).state());
            ApiException running = assertThrows(ApiException.class, () -> tasks.cancel(first.id(), anna));
            assertEquals(409, running.status());
            assertEquals(404, assertThrows(ApiException.class, () -> tasks.cancel("nope", anna)).status());

            Task failing = tasks.start("prune", "four", anna, l -> {
                throw new StowageException("device 'vault' is offline: bring it back and prune again");
            });
            release.countDown();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> failing.view().finished() != null);
            assertEquals(Task.State.FAILED, failing.state());
            assertEquals("device 'vault' is offline: bring it back and prune again", failing.view().error());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.view().finished() != null);
            assertEquals(Task.State.CANCELLED, queued.state(), "a cancelled task never runs");
        }
    }

    private static Object block(CountDownLatch started, CountDownLatch release) {
        started.countDown();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the task");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "done";
    }
}
