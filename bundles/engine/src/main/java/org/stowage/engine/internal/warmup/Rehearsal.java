package org.stowage.engine.internal.warmup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.stowage.api.repository.BackupRequest;
import org.stowage.api.repository.CheckReport;
import org.stowage.api.repository.ProgressListener;
import org.stowage.api.repository.RestoreRequest;
import org.stowage.api.repository.RestoreResult;
import org.stowage.engine.internal.facade.EngineBackupService;
import org.stowage.engine.internal.facade.EngineCheckService;
import org.stowage.engine.internal.facade.EngineRestoreService;
import org.stowage.engine.internal.repo.Repositories;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.RepositoryOptions;

/**
 * Runs the product's whole backup and restore path on a generated {@link RehearsalTree} into a throwaway repository
 * in memory, a few rounds, so that the JIT compiles it: what a service does while idle so that its first real backup
 * does not share the cores with the JIT.
 *
 * <p>Why: a JVM's first 1 GiB backup spent ~3 CPU-s of its ~14 in C2 compiles (the file walk, the saver chain, the
 * crypto path, the packer, Jackson), and its first restore ~1.5 of ~7; on two cores that is a fifth of the wall
 * time. The compiled code does not depend on the data, only on the code paths, which a rehearsal runs the same
 * way: the facades, the archiver with its parent-snapshot shortcut and a changed file, the packer, the restorer
 * and {@code check --read-data}.
 *
 * <p>A round: init a repository on a {@link ScratchDevice} (small chunks and packs, so that the per-blob and
 * per-pack code is called thousands of times on ~50 MiB), back up the tree, change 1 % of it and back up again,
 * restore into a scratch directory and check the restored file count, check with a full data read; then wait until
 * the JIT has compiled what the round made hot. The JIT compiles a method fully only after thousands of calls
 * counted from when its profiling code is installed, and raises that threshold while its queue is long, so rounds
 * add up: with {@link #ROUNDS} rounds the first 1 GiB backup spent 0.7-1.1 s in C2 compiles instead of 5.7 s without
 * a rehearsal (see docs/design.md; its cost at every start: docs/footprint.md). Everything is written below the scratch directory given
 * and removed at the end. A round that does not restore every file, or whose check reports errors, throws
 * {@link IllegalStateException}: the engine is broken then.
 */
final class Rehearsal {

    /**
     * Rounds a service rehearses. C2 compile time during the benchmark's first full backup (JFR): 3.6-4.2 s after
     * three rounds, 1.8 s after four, 0.7-1.1 s after five (three runs).
     */
    static final int ROUNDS = 5;
    static final RepositoryOptions OPTIONS = RepositoryOptions.defaults()
            .withChunks(16 << 10, 64 << 10, 256 << 10)
            .withPackSize(4 << 20)
            .withScryptN(1 << 4);

    private final Path scratch;

    /** @param scratch an empty directory for the source and restored trees */
    Rehearsal(Path scratch) {
        this.scratch = scratch;
    }

    /**
     * Runs {@code rounds} rounds, each followed by a wait for the JIT to work off what it queued; stops before a
     * round when {@code stop} says so. Returns the rounds run.
     */
    int run(int rounds, BooleanSupplier stop) throws IOException {
        RehearsalTree tree = RehearsalTree.write(scratch.resolve("source"), 1);
        int round = 0;
        try {
            for (; round < rounds && !stop.getAsBoolean(); round++) {
                round(tree, round);
                JitQueue.awaitIdle();
            }
        } finally {
            deleteTree(scratch.resolve("source"));
        }
        return round;
    }

    /**
     * One round: backs up the tree, changes it, backs it up again, restores the latest snapshot with every file read
     * back and compared ({@code --verify}), and checks the repository with a full data read.
     *
     * @return the files restored and verified
     * @throws IllegalStateException if the restore did not bring back and verify every file, or the check found an
     *                               error
     */
    long round(RehearsalTree tree, int round) throws IOException {
        Path target = scratch.resolve("restore-" + round);
        try (Repository repository = Repositories.init(new ScratchDevice(), "rehearsal".toCharArray(), OPTIONS)) {
            Supplier<Repository> open = () -> repository;
            EngineBackupService backups = new EngineBackupService(open);
            BackupRequest request = new BackupRequest(List.of(tree.root()), "rehearsal", Set.of(), null);
            backups.backup(request, ProgressListener.NONE);
            tree.change(round);
            backups.backup(request, ProgressListener.NONE);
            RestoreResult restored = new EngineRestoreService(open).restore(new RestoreRequest("latest", target,
                    List.of(), List.of(), RestoreRequest.Overwrite.ALWAYS, true), ProgressListener.NONE);
            if (!restored.failures().isEmpty() || restored.files() != tree.fileCount()
                    || restored.verified() != tree.fileCount()) {
                throw new IllegalStateException("rehearsal restored " + restored.files() + " and verified "
                        + restored.verified() + " of " + tree.fileCount() + " files; failures: "
                        + restored.failures());
            }
            CheckReport check = new EngineCheckService(open).check(true, ProgressListener.NONE);
            if (!check.errors().isEmpty()) {
                throw new IllegalStateException("rehearsal repository fails its check: " + check.errors());
            }
            return restored.verified();
        } finally {
            deleteTree(target);
        }
    }

    /** Deletes {@code root} and everything below it, never following symbolic links; nothing if it is missing. */
    static void deleteTree(Path root) throws IOException {
        if (Files.notExists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
