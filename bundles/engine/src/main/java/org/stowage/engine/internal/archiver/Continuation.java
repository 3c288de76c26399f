package org.stowage.engine.internal.archiver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.stowage.api.repository.ProgressListener;
import org.stowage.engine.internal.repo.BlobId;
import org.stowage.engine.internal.repo.BlobKind;
import org.stowage.engine.internal.repo.CheckpointStore;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.snapshot.Checkpoint;

/**
 * What an earlier run of the same source and replicas, in this process or another, recorded in its newest checkpoint
 * and did not finish (it crashed or failed): the files it had in flight continue at the end of their last stored
 * chunk instead of being read from the start (S3: the next replica holder continues, not starts over). A recorded
 * prefix is used only for the same file (same relative path, size and modification time) and only when every one
 * of its chunks is still indexed (a crash may have lost chunks not yet in a pack; a prune may have deleted them):
 * otherwise the file is read whole, as without a checkpoint. Immutable.
 */
final class Continuation {

    static final Continuation NONE = new Continuation(Map.of(), 0);

    private final Map<String, Checkpoint.FileProgress> files;
    private final int replica;

    private Continuation(Map<String, Checkpoint.FileProgress> files, int replica) {
        this.files = files;
        this.replica = replica;
    }

    /** The newest checkpoint of {@code source} read from {@code roots}, or nothing (a listing failure is warned). */
    static Continuation find(CheckpointStore store, Path source, List<String> roots, ProgressListener listener) {
        List<CheckpointStore.Stored> all;
        try {
            all = store.list();
        } catch (IOException | RuntimeException e) {
            listener.warning(source.toString(), "cannot list the checkpoints of earlier runs (" + e.getMessage()
                    + "); files they had in flight are read from the start");
            return NONE;
        }
        return all.stream().map(CheckpointStore.Stored::checkpoint)
                .filter(c -> c.source().equals(source.toString()) && c.roots().equals(roots))
                .max(Comparator.comparing(Checkpoint::time))
                .map(c -> new Continuation(c.inFlight().stream().filter(f -> f.offset() > 0)
                        .collect(Collectors.toMap(Checkpoint.FileProgress::path, Function.identity(), (a, b) -> a)),
                        c.current()))
                .orElse(NONE);
    }

    /** The replica the earlier run was reading when it wrote the checkpoint. */
    int replica() {
        return replica;
    }

    /** The stored prefix of the file at {@code relative}, if the earlier run's is usable for it. */
    Optional<Checkpoint.FileProgress> prefix(String relative, SourceMeta meta, Repository repository) {
        Checkpoint.FileProgress file = files.get(relative);
        if (file == null || file.size() != meta.size() || file.mtimeNanos() != meta.mtimeNanos()
                || file.offset() > meta.size()) {
            return Optional.empty();
        }
        for (BlobId id : file.content()) {
            if (!repository.contains(BlobKind.DATA, id)) {
                return Optional.empty();
            }
        }
        return Optional.of(file);
    }
}
