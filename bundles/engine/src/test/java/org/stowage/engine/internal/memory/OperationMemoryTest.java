package org.stowage.engine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stowage.api.repository.ProgressListener;
import org.stowage.device.testkit.MemoryDevice;
import org.stowage.engine.internal.archiver.Archiver;
import org.stowage.engine.internal.archiver.SourceOpener;
import org.stowage.engine.internal.check.Checker;
import org.stowage.engine.internal.repo.Repository;
import org.stowage.engine.internal.repo.TestRepositories;
import org.stowage.engine.internal.restorer.Restorer;
import org.stowage.engine.internal.snapshot.Snapshot;
import org.stowage.engine.internal.testing.SampleTree;

/**
 * The direct memory a backup, a restore and a check take (chunk buffers, pack buffers, decode and scratch buffers on
 * every pipeline thread and on the caller's) is given back when each returns, not when a collection gets to it.
 */
class OperationMemoryTest {

    @TempDir
    Path dir;

    @Test
    void backupRestoreAndCheckGiveBackEveryDirectBufferTheyTook() throws IOException {
        Path src = dir.resolve("src");
        SampleTree.create(src);
        try (Repository repository = TestRepositories.init(new MemoryDevice("disk"))) {
            long idle = DirectMemory.live();

            Snapshot snapshot = new Archiver(repository, SourceOpener.FILES, 2).backup(List.of(src), "host",
                    Set.of(), null, ProgressListener.NONE).snapshot();
            assertEquals(idle, DirectMemory.live(), "direct bytes still held after the backup");

            new Restorer(repository).restore(snapshot, dir.resolve("restored"), List.of(), ProgressListener.NONE);
            assertEquals(idle, DirectMemory.live(), "direct bytes still held after the restore");

            assertTrue(new Checker(repository, ProgressListener.NONE).check(true).isOk());
            assertEquals(idle, DirectMemory.live(), "direct bytes still held after the check");
        }
    }

    @Test
    void concurrentBackupsQueueForTheBudgetAndNeverHoldMoreThanIt() throws Exception {
        MemoryBudget budget = MemoryBudget.shared();
        long before = budget.capacity();
        try (Repository repository = TestRepositories.init(new MemoryDevice("disk"))) {
            long oneBackup = Archiver.minimumMemory(repository);
            budget.resize(oneBackup);
            long idle = DirectMemory.live();
            List<CompletableFuture<Snapshot>> backups = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path src = dir.resolve("src" + i);
                SampleTree.create(src);
                backups.add(CompletableFuture.supplyAsync(() -> new Archiver(repository, SourceOpener.FILES, 4)
                        .backup(List.of(src), "host", Set.of(), null, ProgressListener.NONE).snapshot()));
            }
            for (CompletableFuture<Snapshot> backup : backups) {
                assertTrue(backup.get(60, TimeUnit.SECONDS).tree() != null);
            }
            assertEquals(oneBackup, budget.peak(), "one backup at a time, each with the least it needs");
            assertEquals(0, budget.used());
            assertEquals(idle, DirectMemory.live(), "direct bytes still held after the backups");
        } finally {
            budget.resize(before);
        }
    }
}
