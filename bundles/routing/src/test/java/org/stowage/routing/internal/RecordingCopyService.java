package org.stowage.routing.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.stowage.api.repository.CopyResult;
import org.stowage.api.repository.CopyService;
import org.stowage.api.repository.ProgressListener;

/** Records each copy asked for; copies nothing. Thread-safe. */
final class RecordingCopyService implements CopyService {

    /** One call: the snapshots, the target devices and whether it was a move. */
    record Call(List<String> snapshots, List<String> to, boolean move) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public CopyResult copy(List<String> snapshots, List<String> toDevices, boolean move, ProgressListener listener) {
        calls.add(new Call(snapshots, toDevices, move));
        return new CopyResult(1, toDevices.size(), 100, move ? 1 : 0, Duration.ZERO);
    }
}
