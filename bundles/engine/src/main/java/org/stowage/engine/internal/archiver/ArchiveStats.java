package org.stowage.engine.internal.archiver;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import org.stowage.api.repository.SnapshotStats;
import org.stowage.engine.internal.repo.SaveResult;

/** Counters of one backup run, updated from all workers. Thread-safe. */
final class ArchiveStats {

    final LongAdder filesNew = new LongAdder();
    final LongAdder filesChanged = new LongAdder();
    final LongAdder filesUnmodified = new LongAdder();
    final LongAdder dirs = new LongAdder();
    final LongAdder bytesProcessed = new LongAdder();
    final LongAdder blobsAdded = new LongAdder();
    final LongAdder bytesAdded = new LongAdder();
    final LongAdder bytesStored = new LongAdder();
    final LongAdder errors = new LongAdder();
    /** Files finished (read or reused) and their bytes, for progress. */
    final LongAdder filesDone = new LongAdder();
    final LongAdder bytesDone = new LongAdder();

    void saved(SaveResult result, int plainLength) {
        if (result.added()) {
            blobsAdded.increment();
            bytesAdded.add(plainLength);
            bytesStored.add(result.storedLength());
        }
    }

    SnapshotStats snapshot(Duration duration) {
        return new SnapshotStats(filesNew.sum(), filesChanged.sum(), filesUnmodified.sum(), dirs.sum(),
                bytesProcessed.sum(), blobsAdded.sum(), bytesAdded.sum(), bytesStored.sum(), errors.sum(), duration);
    }
}
