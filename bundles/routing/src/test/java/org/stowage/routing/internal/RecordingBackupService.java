package org.stowage.routing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.BackupService;
import org.stowage.api.repository.Progress;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.SnapshotInfo;
import org.stowage.api.repository.SnapshotStats;
import org.stowage.api.repository.StowageException;

/** Test double of the engine's facade: records requests, returns made-up snapshots, fails or blocks on demand. */
final class RecordingBackupService implements BackupService {

    final List<BackupRequest> requests = new CopyOnWriteArrayList<>();
    final List<SnapshotInfo> returned = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile String failure;
    private volatile CountDownLatch gate;

    /** Every following call fails with this message, until {@link #succeed()}. */
    void failWith(String message) {
        failure = message;
    }

    void succeed() {
        failure = null;
    }

    /** Following calls wait until the returned latch is counted down. */
    CountDownLatch block() {
        gate = new CountDownLatch(1);
        return gate;
    }

    @Override
    public SnapshotInfo backup(BackupRequest request, ProgressListener listener) {
        requests.add(request);
        if (request.hasReplicas()) { // reports one switch, as the engine does when the first replica fails
            listener.replicaSwitched(new org.stowage.api.repository.ReplicaSwitch("f", 4096,
                    request.replicas().get(0).toString(), request.replicas().get(1).toString(), "IO: injected"));
        }
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test gate was never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StowageException("interrupted", e);
            }
        }
        String f = failure;
        if (f != null) {
            throw new StowageException(f);
        }
        listener.progress(new Progress("backup", 1, 1, 10, 10, Duration.ofMillis(1), "/srv/data/a"));
        String id = String.format("%08x", counter.incrementAndGet()) + "0".repeat(56);
        SnapshotInfo snapshot = new SnapshotInfo(id, Instant.now(), "test-host",
                request.paths().stream().map(Object::toString).toList(), request.tags(), null,
                new SnapshotStats(1, 0, 0, 1, 10, 2, 10, 8, 0, Duration.ofMillis(5)), null);
        returned.add(snapshot);
        return snapshot;
    }
}
