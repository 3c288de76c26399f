package org.stowage.itests.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Restores snapshots through the shell and compares every restored file with the manifest of the source state the
 * snapshot was taken of. Restores go below a scratch folder and are deleted once compared. Not thread-safe.
 */
final class SnapshotVerifier {

    private final Path scratch;

    SnapshotVerifier(Path scratch) {
        this.scratch = scratch;
    }

    /** How many snapshots were restored and compared, and how many were skipped as incomplete. */
    record Outcome(int restored, int incomplete) {
    }

    /**
     * Restores every complete snapshot {@code stowage} lists and compares it with {@code expected} (keys: absolute
     * paths without the leading '/', as a restore mirrors them below its target). Throws, naming the snapshot, its
     * tags and the differing files, at the first one that differs or fails to restore.
     */
    Outcome verifyAll(StowageShell stowage, Function<StowageShell.Snapshot, Manifest> expected, String context)
            throws IOException {
        int restored = 0;
        int incomplete = 0;
        for (StowageShell.Snapshot snapshot : stowage.snapshots()) {
            if (!snapshot.complete()) {
                incomplete++;
                continue;
            }
            verify(stowage, snapshot, expected.apply(snapshot), context);
            restored++;
        }
        return new Outcome(restored, incomplete);
    }

    void verify(StowageShell stowage, StowageShell.Snapshot snapshot, Manifest expected, String context)
            throws IOException {
        Path target = Files.createDirectories(scratch).resolve("restore-" + snapshot.shortId());
        SourceStates.deleteTree(target);
        Shell.Result result = stowage.restore(snapshot.id(), target);
        if (!result.ok()) {
            throw new AssertionError(context + ": restore of complete snapshot " + snapshot.shortId() + " "
                    + snapshot.tags() + " failed:\n" + result.output());
        }
        List<String> differences = expected.differences(Manifest.scan(target), 12);
        if (!differences.isEmpty()) {
            throw new AssertionError(context + ": snapshot " + snapshot.shortId() + " " + snapshot.tags()
                    + " does not restore to its source state (restored into " + target + ", kept):\n  "
                    + String.join("\n  ", differences));
        }
        SourceStates.deleteTree(target);
    }
}
